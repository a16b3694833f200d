// Kefu's live updates: a small STOMP client over the page's WebSocket to /live. Messages for this
// user arrive on /user/queue/live; a ringing call shows as a card with the caller and their open
// tickets. Reconnects after a network drop, waiting a little longer each time.
(function () {
  'use strict';
  var box = document.getElementById('live-pops');
  if (!box || !window.WebSocket) {
    return;
  }
  var wait = 1000;

  function frame(command, headers, body) {
    var text = command + '\n';
    Object.keys(headers).forEach(function (k) { text += k + ':' + headers[k] + '\n'; });
    return text + '\n' + (body || '') + '\u0000';
  }

  function text(el, value) {
    el.textContent = value;
    return el;
  }

  function pop(message) {
    if (message.kind !== 'call.ringing') {
      return;
    }
    var card = document.createElement('div');
    card.className = 'alert alert-info shadow live-pop';
    card.setAttribute('role', 'alert');
    var title = text(document.createElement('strong'), box.getAttribute('data-ringing') + ' ' + message.from);
    card.appendChild(title);
    var who = document.createElement('div');
    var link = text(document.createElement('a'), message.customerName || message.from);
    link.href = '/customers/' + message.customer;
    who.appendChild(link);
    card.appendChild(who);
    (message.tickets || []).forEach(function (t) {
      var line = document.createElement('div');
      line.className = 'small';
      var a = text(document.createElement('a'), '#' + t.number + ' ' + t.subject);
      a.href = '/tickets/' + t.number;
      line.appendChild(a);
      card.appendChild(line);
    });
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn-close float-end';
    close.setAttribute('aria-label', box.getAttribute('data-close'));
    close.addEventListener('click', function () { card.remove(); });
    card.insertBefore(close, card.firstChild);
    box.appendChild(card);
  }

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var socket = new WebSocket(scheme + location.host + '/live', ['v12.stomp']);
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
          box.setAttribute('data-connected', 'true');
          socket.send(frame('SUBSCRIBE', { id: 'live', destination: '/user/queue/live' }));
        }
        else if (command === 'MESSAGE') {
          try {
            pop(JSON.parse(body));
          }
          catch (e) {
            // not for this page
          }
        }
      }
    };
    socket.onclose = function () {
      box.removeAttribute('data-connected');
      setTimeout(connect, wait);
      wait = Math.min(wait * 2, 30000);
    };
  }

  connect();
})();
