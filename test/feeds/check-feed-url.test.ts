import { checkFeedUrl } from '../../src/feeds/check-feed-url';
import { isForbiddenAddress } from '../../src/feeds/forbidden-address';

describe('isForbiddenAddress', () => {
  test.each([
    ['93.184.216.34', 'a public IPv4 address'],
    ['8.8.8.8', 'a public resolver'],
    ['1.1.1.1', 'another public resolver'],
    ['172.32.0.1', 'just past 172.16/12'],
    ['100.128.0.1', 'just past CGNAT'],
    ['2606:2800:220:1:248:1893:25c8:1946', 'a public IPv6 address'],
    ['2001:4860:4860::8888', 'a public IPv6 resolver'],
    ['[2001:4860:4860::8888]', 'a bracketed public IPv6 address'],
    ['::ffff:93.184.216.34', 'a public IPv4 address, IPv4-mapped'],
    ['64:ff9b::5db8:d822', 'a public IPv4 address through NAT64'],
    ['2002:5db8:d822::1', 'a public IPv4 address through 6to4'],
  ])('accepts %s (%s)', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  test.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback, far end'],
    ['0.0.0.0', 'this host'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private, far end'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'CGNAT'],
    ['100.100.100.200', 'Alibaba metadata (CGNAT)'],
    ['169.254.169.254', 'cloud metadata'],
    ['192.0.0.170', 'IETF protocol assignments'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['[::1]', 'bracketed IPv6 loopback'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['fd00:ec2::254', 'AWS metadata over IPv6 (unique-local)'],
    ['::ffff:127.0.0.1', 'loopback, IPv4-mapped'],
    ['::ffff:7f00:1', 'loopback, IPv4-mapped in hex'],
    ['::ffff:169.254.169.254', 'metadata, IPv4-mapped'],
    ['::ffff:0:10.0.0.1', 'private, SIIT-translated'],
    ['::127.0.0.1', 'loopback, IPv4-compatible'],
    ['::7f00:1', 'loopback, IPv4-compatible in hex'],
    ['::8.8.8.8', 'IPv4-compatible form, deprecated for any address'],
    ['64:ff9b::127.0.0.1', 'loopback through NAT64'],
    ['64:ff9b::a9fe:a9fe', 'metadata through NAT64'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:1::', 'loopback through 6to4'],
    ['2002:c0a8:101::1', 'private through 6to4'],
    ['2001:0:4136:e378::1', 'Teredo'],
    ['2001:db8::1', 'documentation'],
    ['example.com', 'not an address at all'],
  ])('refuses %s (%s)', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });
});

describe('checkFeedUrl', () => {
  const strict = { allowPrivateAddresses: false };

  test.each([
    ['http://93.184.216.34/feed.xml'],
    ['https://8.8.8.8/rss'],
    ['https://[2606:2800:220:1:248:1893:25c8:1946]/feed.xml'],
  ])('accepts the public literal address %s', async (url) => {
    await expect(checkFeedUrl(url, strict)).resolves.toEqual({ ok: true, url });
  });

  test.each([
    ['http://127.0.0.1/feed.xml'],
    ['http://[::1]/feed.xml'],
    ['http://169.254.169.254/latest/meta-data/'],
    ['http://[::ffff:10.0.0.1]/feed.xml'],
    ['http://[64:ff9b::7f00:1]/feed.xml'],
    ['http://[2002:a9fe:a9fe::]/feed.xml'],
    ['http://[::127.0.0.1]/feed.xml'],
    ['http://0x7f000001/feed.xml'],
    ['http://2130706433/feed.xml'],
  ])('refuses %s as private or local', async (url) => {
    await expect(checkFeedUrl(url, strict)).resolves.toEqual({ ok: false, error: expect.stringContaining('private or local') });
  });

  it('accepts a name whose addresses are all public', async () => {
    const resolve = async () => [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 }];
    await expect(checkFeedUrl('https://news.example/feed', { ...strict, resolve })).resolves.toEqual({ ok: true, url: 'https://news.example/feed' });
  });

  it('refuses a name when any of its addresses is private', async () => {
    const resolve = async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }];
    await expect(checkFeedUrl('https://news.example/feed', { ...strict, resolve })).resolves.toMatchObject({ ok: false });
  });

  it('lets an operator who allows private addresses add a loopback feed', async () => {
    await expect(checkFeedUrl('http://127.0.0.1:8080/feed.xml', { allowPrivateAddresses: true })).resolves.toMatchObject({ ok: true });
  });
});
