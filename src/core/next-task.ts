/**
 * Resolves in a later task of the event loop, so that the page may draw and answer input
 * between two pieces of long work: `scheduler.yield()` where there is one (it keeps the
 * work's priority), else a message to itself (a timeout of 0 may wait 4 ms or more).
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel !== 'function') return new Promise((done) => setTimeout(done, 0));
  return new Promise((done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      done();
    };
    channel.port2.postMessage(null);
  });
}
