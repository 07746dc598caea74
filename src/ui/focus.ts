/**
 * Moves the focus to the element of that id once it is there and can take it: a view opened by
 * a click is drawn a moment later, so the focus is tried every few milliseconds until it holds,
 * for at most `timeoutMs`. Timers rather than animation frames: while the map draws in
 * software WebGL on a phone, frames can wait seconds (the focus then stayed on the skip link).
 */
export function focusWhenReady(id: string, timeoutMs = 3000): void {
  const until = Date.now() + timeoutMs;
  const attempt = () => {
    const element = document.getElementById(id);
    if (element) {
      element.focus();
      if (document.activeElement === element) return;
    }
    if (Date.now() < until) setTimeout(attempt, 30);
  };
  setTimeout(attempt, 0);
}
