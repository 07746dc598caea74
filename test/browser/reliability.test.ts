import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Frame, Page } from 'playwright-core';
import { archipelFrame, pagesOfOneBrowser } from './browser';

/**
 * Issue 20 in the browser: a flood of host messages leaves an embed usable (the latest command
 * wins), and a file dropped into an embed is not told to a host page of another origin. The app is served on 127.0.0.1; the host page on localhost,
 * which the browser treats as another origin.
 */
const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();

let host: Server;
let hostUrl = '';
beforeAll(async () => {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host</title></head><body>
<h1>Host page</h1>
<iframe title="Archipel" src="${baseUrl}?embed=1&lang=fr" width="900" height="600"></iframe>
<script>
window.received = [];
addEventListener('message', (e) => { if (e.data && typeof e.data.type === 'string') window.received.push(e.data); });
</script></body></html>`;
  host = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise<void>((resolve) => host.listen(0, 'localhost', resolve));
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));

async function installLongTaskObserver(target: Page | Frame) {
  await target.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

describe('the embed and its host page', () => {
  test('a flood of host commands leaves the embed usable; the latest filter wins', async () => {
    const { page, errors } = await openPage({ viewport: { width: 1000, height: 700 } });
    await page.goto(hostUrl);
    const frame = await archipelFrame(page);
    await installLongTaskObserver(frame);
    // 100 commands every 10 ms for 5 s: 10,000 a second for 5 s, as in the issue.
    await page.evaluate(() => {
      const target = document.querySelector('iframe')!.contentWindow!;
      const queries = ['category=library', 'theme=making', 'category=fablab&theme=making', 'q=brest'];
      let n = 0;
      const timer = setInterval(() => {
        for (let i = 0; i < 100; i++)
          target.postMessage({ type: 'archipel:set-filters', query: queries[n++ % 4] }, '*');
        target.postMessage({ type: 'archipel:select', id: 'x'.repeat(10_000) }, '*');
      }, 10);
      setTimeout(() => {
        clearInterval(timer);
        target.postMessage({ type: 'archipel:set-filters', query: 'category=library' }, '*');
      }, 5000);
    });
    // During the flood, clicks answer: each measured in the frame, from the click to the next frame
    // drawn, three times (map → list; the list → map switch between them is not measured).
    const clickTab = (name: RegExp) =>
      frame.evaluate(async (source) => {
        const pattern = new RegExp(source);
        const button = [...document.querySelectorAll('button')].find((b) => pattern.test(b.textContent ?? ''))!;
        const started = performance.now();
        button.click();
        await new Promise((resolve) => requestAnimationFrame(resolve));
        return { ms: performance.now() - started, list: document.querySelector('.results-full') !== null };
      }, name.source);
    const answers: number[] = [];
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      const answer = await clickTab(/^(Liste|List)$/);
      expect(answer.list).toBe(true);
      answers.push(Math.round(answer.ms));
      await clickTab(/^(Carte|Map)$/);
    }
    console.info(`clicks answered in ${answers.join(', ')} ms during the flood`);
    // A click answers within 200 ms: the best of three, as one slow frame of a loaded CI machine is
    // the machine's (before the coalescing of commands, the embed stalled about two minutes).
    expect(Math.min(...answers)).toBeLessThan(200);
    // The last command wins.
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              (window as unknown as { received: { type: string; query?: string }[] }).received
                .filter((m) => m.type === 'archipel:filtered')
                .at(-1)?.query,
          ),
        { timeout: 20_000 },
      )
      .toBe('category=library');
    console.info(
      `longest task in the frame: ${await frame.evaluate(() => (window as unknown as { longest: number }).longest)} ms`,
    );
    expect(errors).toEqual([]);
  }, 240_000);

  test('a file dropped into an embed is not told to a host page of another origin, until the person agrees', async () => {
    const { page } = await openPage({ viewport: { width: 1000, height: 700 } });
    await page.goto(hostUrl);
    const frame = await archipelFrame(page);
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { received: { type: string }[] }).received.some((m) => m.type === 'archipel:ready'),
        ),
      )
      .toBe(true);
    const before = await page.evaluate(() => (window as unknown as { received: unknown[] }).received.length);
    const csv = [
      'id,name,category,roles,themes,territory,address,postcode,commune,longitude,latitude',
      'brest-secret-a,Mon lieu secret,fablab,contributor,making,brest,"2 rue de Siam",29200,Brest,-4.4861,48.3904',
    ].join('\n');
    await frame.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'secret.csv', { type: 'text/csv' }));
      document
        .querySelector('.map-panel')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, csv);
    await expect
      .poll(() => frame.locator('.result-count').first().textContent(), { timeout: 30_000 })
      .toMatch(/^1 acteur/);
    // The host probes: a search for the file's text, a selection of its id.
    await page.evaluate(() => {
      const target = document.querySelector('iframe')!.contentWindow!;
      target.postMessage({ type: 'archipel:set-filters', query: 'q=secret' }, '*');
      target.postMessage({ type: 'archipel:select', id: 'brest-secret-a' }, '*');
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const leaked = await page.evaluate((n) => (window as unknown as { received: unknown[] }).received.slice(n), before);
    expect(leaked).toEqual([]);
    expect(await frame.locator('.result-count').first().textContent()).toMatch(/^1 acteur/);
    // The person sees the choice, names the host's origin, and may agree.
    const notice = frame.getByText(/Votre fichier reste privé/);
    await expect.poll(() => notice.textContent()).toContain(new URL(hostUrl).origin);
    await frame.getByRole('button', { name: 'Laisser cette page suivre' }).click();
    await page.evaluate(() =>
      document
        .querySelector('iframe')!
        .contentWindow!.postMessage({ type: 'archipel:set-filters', query: 'category=library' }, '*'),
    );
    await expect
      .poll(() =>
        page.evaluate(
          (n) => (window as unknown as { received: { type: string }[] }).received.slice(n).map((m) => m.type),
          before,
        ),
      )
      .toContain('archipel:filtered');
  }, 240_000);
});
