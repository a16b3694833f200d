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

  // An offer of work: a card with the ticket, accept (open it) or pass; it goes when the offer does.
  var csrf = document.querySelector('meta[name=_csrf]');
  var csrfHeader = document.querySelector('meta[name=_csrf_header]');

  function post(url) {
    var headers = {};
    if (csrf && csrfHeader) {
      headers[csrfHeader.content] = csrf.content;
    }
    return fetch(url, { method: 'POST', headers: headers, credentials: 'same-origin' });
  }

  var offers = document.getElementById('live-offers');

  function offer(message) {
    if (!offers) {
      return;
    }
    if (message.kind === 'routing.withdrawn') {
      var gone = offers.querySelector('[data-offer="' + message.offer + '"]');
      if (gone) {
        gone.remove();
      }
      return;
    }
    if (message.kind !== 'routing.offer') {
      return;
    }
    var card = document.createElement('div');
    card.className = 'alert alert-primary shadow live-pop routing-offer';
    card.setAttribute('role', 'alert');
    card.setAttribute('data-offer', message.offer);
    card.appendChild(text(document.createElement('strong'), offers.getAttribute('data-offer')));
    card.appendChild(text(document.createElement('div'), '#' + message.number + ' ' + message.subject));
    var buttons = document.createElement('div');
    buttons.className = 'd-flex gap-2 mt-2';
    var accept = text(document.createElement('button'), offers.getAttribute('data-accept'));
    accept.type = 'button';
    accept.className = 'btn btn-sm btn-primary offer-accept';
    accept.addEventListener('click', function () {
      post('/routing/offers/' + message.offer + '/accept').then(function (r) {
        if (r.ok) {
          window.location = '/tickets/' + message.number;
        }
        else {
          card.replaceChildren(text(document.createElement('span'), offers.getAttribute('data-gone')));
          setTimeout(function () { card.remove(); }, 4000);
        }
      });
    });
    var decline = text(document.createElement('button'), offers.getAttribute('data-decline'));
    decline.type = 'button';
    decline.className = 'btn btn-sm btn-outline-secondary offer-decline';
    decline.addEventListener('click', function () {
      post('/routing/offers/' + message.offer + '/decline').then(function () { card.remove(); });
    });
    buttons.appendChild(accept);
    buttons.appendChild(decline);
    card.appendChild(buttons);
    offers.appendChild(card);
    var expires = Date.parse(message.expiresAt);
    if (!isNaN(expires)) {
      setTimeout(function () { card.remove(); }, Math.max(0, expires - Date.now()));
    }
  }

  window.KefuStomp.open('/live', '/user/queue/live', {
    open: function () { box.setAttribute('data-connected', 'true'); },
    closed: function () { box.removeAttribute('data-connected'); },
    message: function (message) {
      // other scripts on the page (the chat console) listen for what concerns them
      document.dispatchEvent(new CustomEvent('kefu:live', { detail: message }));
      pop(message);
      offer(message);
    }
  });
})();
