// Example host page for an embedded Archipel map: logs its messages, sends it filters.
const frame = document.getElementById('archipel');
const log = document.getElementById('log');
window.received = [];
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow) return;
  const data = event.data;
  if (!data || typeof data.type !== 'string' || !data.type.startsWith('archipel:')) return;
  window.received.push(data);
  const item = document.createElement('li');
  item.textContent = JSON.stringify(data);
  log.append(item);
});
for (const button of document.querySelectorAll('button[data-query]')) {
  button.addEventListener('click', () => {
    frame.contentWindow.postMessage({ type: 'archipel:set-filters', query: button.dataset.query }, '*');
  });
}
