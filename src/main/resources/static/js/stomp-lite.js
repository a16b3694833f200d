// A small STOMP 1.2 client over a plain WebSocket, for Kefu's live updates and the chat frame.
// KefuStomp.open(path, destination, handlers) connects to ws(s)://<this host><path>, subscribes to
// destination, and calls handlers.message(json) for each message, handlers.open() once subscribed
// and handlers.closed() when the connection drops; it reconnects by itself, waiting a little longer
// each time (up to 30 s). Returns an object whose close() stops it.
(function () {
  'use strict';

  function frame(command, headers, body) {
    var text = command + '\n';
    Object.keys(headers).forEach(function (k) { text += k + ':' + headers[k] + '\n'; });
    return text + '\n' + (body || '') + '\u0000';
  }

  function open(path, destination, handlers) {
    var wait = 1000;
    var stopped = false;
    var socket = null;

    function connect() {
      var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
      socket = new WebSocket(scheme + location.host + path, ['v12.stomp']);
      var buffer = '';
      socket.onopen = function () {
        socket.send(frame('CONNECT', { 'accept-version': '1.2', host: location.host, 'heart-beat': '0,0' }));
      };
      socket.onmessage = function (event) {
        buffer += event.data;
        var end;
        while ((end = buffer.indexOf('\u0000')) >= 0) {
          var raw = buffer.substring(0, end).replace(/^\n+/, '');
          buffer = buffer.substring(end + 1);
          var split = raw.indexOf('\n\n');
          var command = raw.substring(0, raw.indexOf('\n'));
          var body = split >= 0 ? raw.substring(split + 2) : '';
          if (command === 'CONNECTED') {
            wait = 1000;
            socket.send(frame('SUBSCRIBE', { id: 'sub-0', destination: destination }));
            if (handlers.open) {
              handlers.open();
            }
          }
          else if (command === 'MESSAGE') {
            var message;
            try {
              message = JSON.parse(body);
            }
            catch (e) {
              continue;
            }
            handlers.message(message);
          }
        }
      };
      socket.onclose = function () {
        if (handlers.closed) {
          handlers.closed();
        }
        if (!stopped) {
          setTimeout(connect, wait);
          wait = Math.min(wait * 2, 30000);
        }
      };
    }

    connect();
    return {
      close: function () {
        stopped = true;
        if (socket) {
          socket.close();
        }
      }
    };
  }

  window.KefuStomp = { open: open };
})();
