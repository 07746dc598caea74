import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchFailure, fetchBytes, fetchText } from '../../src/data/fetch';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/stall') {
      res.write('{"type":');
      return; // never ends
    }
    if (req.url === '/chunks') {
      // 400 chunks of 1 kB, written as fast as the socket takes them, then 3 more a second later.
      res.setHeader('Content-Type', 'application/json');
      for (let i = 0; i < 400; i++) res.write('x'.repeat(1000));
      setTimeout(() => res.end('y'.repeat(3000)), 1000);
      return;
    }
    if (req.url === '/missing') {
      res.statusCode = 404;
      return res.end('Not found');
    }
    if (req.url === '/page') {
      // A host's home page answered for a data file, with a 200 and no type.
      return res.end('<!DOCTYPE html><html><title>Home</title></html>');
    }
    res.setHeader('Content-Type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FetchFailure);
    return { kind: (error as FetchFailure).kind, status: (error as FetchFailure).status };
  }
  throw new Error('did not fail');
};

describe('reading a file', () => {
  test('progress is told a few times a second, not at every chunk, and always at the end', async () => {
    const told: number[] = [];
    const text = await fetchText(`${base}/chunks`, (loaded) => told.push(loaded));
    expect(text.length).toBe(403_000);
    expect(told.at(-1)).toBe(403_000);
    // The first 400 kB come at once: a report or two, not hundreds; the last chunk, a second later, is told.
    expect(told.length).toBeGreaterThanOrEqual(2);
    expect(told.length).toBeLessThan(10);
    expect(told).toEqual([...told].sort((a, b) => a - b));
  });
  test('the bytes fill their own buffer, handed to a worker as they are', async () => {
    const bytes = await fetchBytes(`${base}/chunks`, () => {});
    expect(bytes.byteLength).toBe(403_000);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(403_000);
  });
  test('a server that stops sending fails as a timeout, not a hang', async () => {
    const started = Date.now();
    expect(await failureOf(fetchText(`${base}/stall`, () => {}, undefined, { stallMs: 300 }))).toEqual({
      kind: 'timeout',
      status: null,
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });
  test('an error status, a web page, a cancel and an unreachable server are told apart', async () => {
    expect(await failureOf(fetchText(`${base}/missing`, () => {}))).toEqual({ kind: 'http', status: 404 });
    expect(await failureOf(fetchText(`${base}/page`, () => {}, undefined, { refuseHtml: true }))).toMatchObject({
      kind: 'html',
    });
    const controller = new AbortController();
    const pending = fetchText(`${base}/stall`, () => {}, controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await failureOf(pending)).toMatchObject({ kind: 'cancelled' });
    expect(await failureOf(fetchText('http://127.0.0.1:1/x', () => {}))).toMatchObject({ kind: 'unreachable' });
    expect(await fetchText(`${base}/ok`, () => {}, undefined, { refuseHtml: true })).toBe('{"ok":true}');
  });
});
