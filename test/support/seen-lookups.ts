import type { KeyValue } from '../../src/store/key-value';

/**
 * Wraps an app's store (AppOptions.wrapStore) to note the feed items a poll looked up in the seen store,
 * as `<feedId>:<itemId>`: an item the poll recognised from the feed's last poll is not looked up.
 */
export function recordSeenLookups(looked: string[]): (kv: KeyValue) => KeyValue {
  const prefix = 'seen:item:';
  return (kv) => ({
    ...kv,
    getMany<T>(keys: string[]) {
      looked.push(...keys.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)));
      return kv.getMany<T>(keys);
    },
  });
}
