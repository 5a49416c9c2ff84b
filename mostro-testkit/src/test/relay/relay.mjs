// An independent NIP-01 relay for mostro-testkit's scenario tests: @nostr-relay/core with its zod
// validator, served by `ws` on 127.0.0.1 and a random port, events kept in memory.
//
//   node relay.mjs [--auth] [--reject-writes=REASON] [--rate-limit=N]
//
// Prints "PORT <n>" on stdout once listening. Reads commands from stdin, one per line, and answers each
// with "DONE <count>" on stdout:
//   disconnect        terminate every client connection (no close frame)
//   raw <frame>       send <frame> verbatim to every client
// Exits when stdin closes (so it never outlives the JVM that started it). Logs go to stderr.
import { NostrRelay } from '@nostr-relay/core';
import { Validator } from '@nostr-relay/validator';
import { EventRepository, EventType, EventUtils } from '@nostr-relay/common';
import { WebSocketServer } from 'ws';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const a = args.find((x) => x.startsWith(name + '='));
  return a === undefined ? undefined : a.substring(name.length + 1);
};

/** Regular events kept as they come; replaceable and addressable ones replaced by newer versions. */
class MemoryRepository extends EventRepository {
  constructor() {
    super();
    this.events = new Map();
  }

  isSearchSupported() {
    return false;
  }

  async upsert(event) {
    if (this.events.has(event.id)) {
      return { isDuplicate: true };
    }
    const type = EventUtils.getType(event.kind);
    if (type === EventType.REPLACEABLE || type === EventType.PARAMETERIZED_REPLACEABLE) {
      const d = type === EventType.PARAMETERIZED_REPLACEABLE ? (EventUtils.extractDTagValue(event) ?? '') : null;
      for (const [id, old] of this.events) {
        const sameSlot = old.kind === event.kind && old.pubkey === event.pubkey &&
          (d === null || (EventUtils.extractDTagValue(old) ?? '') === d);
        if (!sameSlot) continue;
        const newer = event.created_at > old.created_at ||
          (event.created_at === old.created_at && event.id < old.id);
        if (!newer) return { isDuplicate: true };
        this.events.delete(id);
      }
    }
    this.events.set(event.id, event);
    return { isDuplicate: false };
  }

  async find(filter) {
    const matching = [...this.events.values()]
      .filter((e) => matches(e, filter))
      .sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? -1 : 1));
    return filter.limit === undefined ? matching : matching.slice(0, filter.limit);
  }

  async destroy() {
    this.events.clear();
  }
}

function matches(event, filter) {
  if (!EventUtils.isMatchingFilter(event, filter)) return false;
  for (const [key, values] of Object.entries(filter)) {
    if (key.length === 2 && key[0] === '#' &&
        !event.tags.some((t) => t[0] === key[1] && values.includes(t[1]))) {
      return false;
    }
  }
  return true;
}

const stderrLogger = {
  setLogLevel() {},
  debug() {},
  info() {},
  warn: (...a) => console.error(...a),
  error: (...a) => console.error(...a),
};

const relay = new NostrRelay(new MemoryRepository(), {
  hostname: flag('--auth') ? '127.0.0.1' : undefined,
  logger: stderrLogger,
  filterResultCacheTtl: 0,
  maxSubscriptionsPerClient: 100,
});

const rejectWrites = option('--reject-writes');
if (rejectWrites !== undefined) {
  relay.register({ beforeHandleEvent: () => ({ canHandle: false, message: rejectWrites }) });
}
const rateLimit = option('--rate-limit');
if (rateLimit !== undefined) {
  const perSecond = Number(rateLimit);
  let windowStart = 0;
  let count = 0;
  relay.register({
    beforeHandleEvent: () => {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        count = 0;
      }
      count++;
      return count <= perSecond ? { canHandle: true } : { canHandle: false, message: 'rate-limited: slow down' };
    },
  });
}

const validator = new Validator();
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 1024 * 1024 });

wss.on('connection', (ws, req) => {
  relay.handleConnection(ws, req.socket.remoteAddress);
  ws.on('message', async (data) => {
    try {
      const message = await validator.validateIncomingMessage(data);
      await relay.handleMessage(ws, message);
    } catch (error) {
      ws.send(JSON.stringify(['NOTICE', 'invalid: ' + (error?.message ?? String(error))]));
    }
  });
  ws.on('close', () => relay.handleDisconnect(ws));
  ws.on('error', (error) => console.error('client error', error.message));
});

wss.on('listening', () => {
  process.stdout.write(`PORT ${wss.address().port}\n`);
});

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let count = 0;
  if (line === 'disconnect') {
    for (const c of wss.clients) {
      c.terminate();
      count++;
    }
  } else if (line.startsWith('raw ')) {
    for (const c of wss.clients) {
      c.send(line.substring(4));
      count++;
    }
  }
  process.stdout.write(`DONE ${count}\n`);
});
lines.on('close', async () => {
  for (const c of wss.clients) c.terminate();
  wss.close();
  await relay.destroy();
  process.exit(0);
});
