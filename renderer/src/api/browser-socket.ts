import type { SocketFactory } from './event-socket';

/** The browser WebSocket behind `SocketFactory`. Error events carry no detail; the close that follows has the code. */
export const openBrowserSocket: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (message) => handlers.onMessage(message.data);
  socket.onclose = (close) => handlers.onClose(close.code, close.reason);
  return socket;
};
