/**
 * Picks the transport at start-up: the preload's `window.smartMoSync` inside
 * Electron, else the headless host's WebSocket bridge on the page's own host.
 */
import { browserTimer } from './browser-timer';
import { ipcLink, type EngineLink } from './engine-link';
import { bridgeUrl, createWsLink, type OpenSocket } from './ws-link';

const openBrowserSocket: OpenSocket = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event) => {
    if (typeof event.data === 'string') handlers.onMessage(event.data);
  };
  socket.onclose = () => handlers.onClose();
  return { send: (text) => socket.send(text), close: () => socket.close() };
};

export function chooseEngineLink(): EngineLink {
  if (window.smartMoSync) return ipcLink(window.smartMoSync);
  return createWsLink({
    url: bridgeUrl(window.location),
    openSocket: openBrowserSocket,
    setTimer: browserTimer,
  });
}
