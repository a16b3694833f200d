// Kefu's live updates over the page's WebSocket to /live (stomp-lite.js). Messages for this user
// arrive on /user/queue/live; a ringing call shows as a card with the caller and their open
// tickets; every message is also passed on as a "kefu:live" event for the page's own scripts.
(function () {
  'use strict';
  var box = document.getElementById('live-pops');
  if (!box || !window.WebSocket || !window.KefuStomp) {
    return;
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

  window.KefuStomp.open('/live', '/user/queue/live', {
    open: function () { box.setAttribute('data-connected', 'true'); },
    closed: function () { box.removeAttribute('data-connected'); },
    message: function (message) {
      // other scripts on the page (the chat console) listen for what concerns them
      document.dispatchEvent(new CustomEvent('kefu:live', { detail: message }));
      pop(message);
    }
  });
})();
