import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRandom, type Random } from '../support/random';
import { rssDocument, type FeedEntry } from '../support/rss-document';
import { writeNewsItem } from '../support/write-news-item';
import { changesIn, farmEpochMs, farmShape, hostAddress, hostCount, newItemsIn, planFarm, type FarmFeed } from './farm-plan';
import type { FromFarm, ToFarm } from './farm-protocol';

/**
 * The feed farm: the shape's RSS feeds (500 by default) on hostCount(feeds) loopback addresses (127.0.0.1–100 for 500),
 * run in its own process so that serving them costs the measured bot process nothing. Every server
 * answers every path, so the "one host" variant can point all feeds at 127.0.0.1.
 */

interface FeedState {
  feed: FarmFeed;
  random: Random;
  entries: FeedEntry[];
  etag: string;
  body: Buffer;
  published: number;
  fetches: number;
}

const ITEM_SPACING_MS = 20 * 60_000;
/** General mining feeds: about 15% of items match the default rules (see writeNewsItem). */
const RARE_EARTH_SHARE = 0.03;

function createFeedState(feed: FarmFeed, now: number): FeedState {
  const random = createRandom(1_000 + feed.index);
  const state: FeedState = { feed, random, entries: [], etag: '', body: Buffer.alloc(0), published: 0, fetches: 0 };
  for (let k = feed.windowSize - 1; k >= 0; k--) addEntry(state, new Date(now - (k + 1) * ITEM_SPACING_MS));
  render(state, 0);
  return state;
}

function addEntry(state: FeedState, published: Date): void {
  const n = state.published++;
  const guid = `wire-${state.feed.index}-${n}`;
  state.entries.unshift({ ...writeNewsItem(state.random, RARE_EARTH_SHARE), guid, link: `https://wire-${state.feed.index}.example/news/${n}`, published });
  state.entries.length = Math.min(state.entries.length, state.feed.windowSize);
}

function render(state: FeedState, cycle: number): void {
  state.etag = `"wire-${state.feed.index}-c${cycle}"`;
  state.body = Buffer.from(rssDocument(`Wire ${state.feed.index}`, `https://wire-${state.feed.index}.example/`, state.entries), 'utf8');
}

function respond(state: FeedState, request: IncomingMessage, response: ServerResponse): void {
  const { behaviour } = state.feed;
  if (behaviour === 'reset') return void request.socket.destroy();
  if (behaviour === 'http-500') return void response.writeHead(500, { 'Content-Type': 'text/plain' }).end('upstream error');
  if (farmShape().never304) return respondUncached(state, response);
  if (request.headers['if-none-match'] === state.etag) return void response.writeHead(304, { ETag: state.etag }).end();
  const body = behaviour === 'truncated-xml' ? state.body.subarray(0, Math.floor(state.body.length / 2)) : state.body;
  response.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: state.etag, 'Content-Length': String(body.length) }).end(body);
}

/** A feed that never answers 304: no validators, and a build date that makes every fetch's XML new. */
function respondUncached(state: FeedState, response: ServerResponse): void {
  // A second later per fetch, so that two fetches within one second still differ.
  const document = rssDocument(`Wire ${state.feed.index}`, `https://wire-${state.feed.index}.example/`, state.entries, new Date(Date.now() + ++state.fetches * 1_000));
  const body = Buffer.from(state.feed.behaviour === 'truncated-xml' ? document.slice(0, document.length / 2) : document, 'utf8');
  response.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Content-Length': String(body.length) }).end(body);
}

async function main(): Promise<void> {
  const epoch = farmEpochMs();
  const states = new Map(planFarm().map((feed) => [feed.path, createFeedState(feed, epoch)]));
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const state = states.get(request.url ?? '');
    if (!state) return void response.writeHead(404).end();
    if (state.feed.delayMs > 0) setTimeout(() => respond(state, request, response), state.feed.delayMs);
    else respond(state, request, response);
  };
  const servers: Server[] = [];
  const origins: string[] = [];
  for (let i = 0; i < hostCount(farmShape().feeds); i++) {
    const server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, hostAddress(i), resolve));
    servers.push(server);
    origins.push(`http://${hostAddress(i)}:${(server.address() as AddressInfo).port}`);
  }
  // The bot process gone (crashed, killed): nothing else would ever stop these servers.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ToFarm) => {
    if (message.kind === 'stop') {
      for (const server of servers) server.closeAllConnections();
      process.exit(0);
    }
    // Dated by the cycle, not the clock: a replayed cycle must serve the XML the first farm served. Ten
    // seconds a cycle, items a second apart: a date ahead of the bot's clock by a minute or two is still
    // read as a date (pick-item-date.ts allows an hour).
    const published = epoch + message.cycle * 10_000;
    let changedFeeds = 0;
    let newItems = 0;
    let bodyBytes = 0;
    for (const state of states.values()) {
      if (!changesIn(state.feed, message.cycle)) continue;
      const count = newItemsIn(state.feed, message.cycle);
      for (let k = count - 1; k >= 0; k--) addEntry(state, new Date(published - k * 1_000));
      render(state, message.cycle);
      changedFeeds++;
      newItems += count;
      bodyBytes += state.body.length;
    }
    reply({ kind: 'cycle-ready', cycle: message.cycle, changedFeeds, newItems, bodyBytes });
  });
  reply({ kind: 'ready', origins });
}

function reply(message: FromFarm): void {
  process.send?.(message);
}

void main();
