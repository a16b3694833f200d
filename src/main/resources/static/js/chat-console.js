// The agents' chat console: the queue and the agent's chats refresh when Kefu says something changed
// (live events from live.js), messages of the open chat arrive live, and replies are sent with their
// own id and sent again until Kefu has them, so a dropped connection neither loses nor doubles one.
(function () {
  'use strict';
  var root = document.getElementById('chat-console');
  if (!root) {
    return;
  }
  var csrf = document.querySelector('meta[name=_csrf]');
  var csrfHeader = document.querySelector('meta[name=_csrf_header]');
  var lastTyping = 0;

  function refreshLists() {
    if (window.htmx) {
      window.htmx.trigger('#chat-lists', 'refresh');
    }
  }

  function panel() {
    return document.getElementById('chat-panel');
  }

  function scrollDown() {
    var log = document.getElementById('chat-messages');
    if (log) {
      log.scrollTop = log.scrollHeight;
    }
  }

  function append(m, pendingKey) {
    var log = document.getElementById('chat-messages');
    if (!log || log.querySelector('[data-id="' + m.id + '"]')) {
      return;
    }
    // the reply's own line, shown while it was being sent, whichever arrives first: the answer or the live echo
    var key = pendingKey || m.clientId;
    var li = key ? log.querySelector('[data-key="' + key + '"]') : null;
    if (!li) {
      li = document.createElement('li');
      li.className = 'chat-line ' + m.author;
      var who = document.createElement('span');
      who.className = 'who';
      who.textContent = m.authorName || '';
      li.appendChild(who);
      li.appendChild(m.file ? fileBubble(m.file) : textBubble(m.body));
      log.appendChild(li);
    }
    else if (m.file && !li.querySelector('a')) {
      li.replaceChild(fileBubble(m.file), li.querySelector('.bubble'));
    }
    li.classList.remove('pending');
    li.setAttribute('data-id', m.id);
    scrollDown();
  }

  function textBubble(text) {
    var bubble = document.createElement('span');
    bubble.className = 'bubble';
    bubble.textContent = text;
    return bubble;
  }

  // a file in the chat: a link (and a small picture for an image) to the console's own download
  function fileBubble(file) {
    var bubble = document.createElement('span');
    bubble.className = 'bubble chat-file';
    var link = document.createElement('a');
    link.href = '/chat/console/chats/' + panel().getAttribute('data-chat') + '/files/' + file.id;
    link.target = '_blank';
    link.rel = 'noopener';
    if (file.contentType && file.contentType.indexOf('image/') === 0) {
      var img = document.createElement('img');
      img.className = 'chat-thumb';
      img.src = link.href;
      img.alt = file.filename;
      link.appendChild(img);
    }
    var name = document.createElement('span');
    name.textContent = file.filename;
    link.appendChild(name);
    bubble.appendChild(link);
    return bubble;
  }

  function newClientId() {
    return 'a-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8);
  }

  function sendFile(form, input) {
    var file = input.files[0];
    if (!file) {
      return;
    }
    var clientId = newClientId();
    var log = document.getElementById('chat-messages');
    var li = document.createElement('li');
    li.className = 'chat-line agent pending';
    li.setAttribute('data-key', clientId);
    li.appendChild(textBubble(file.name));
    log.appendChild(li);
    scrollDown();
    var data = new FormData();
    data.append('clientId', clientId);
    data.append('file', file);
    input.value = '';
    var error = document.getElementById('chat-file-error');
    var headers = { 'Accept': 'application/json' };
    if (csrf && csrfHeader) {
      headers[csrfHeader.content] = csrf.content;
    }
    fetch(form.getAttribute('data-files'), { method: 'POST', headers: headers, body: data })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) {
            throw new Error(body.detail || body.title || ('HTTP ' + r.status));
          }
          return body;
        });
      })
      .then(function (m) {
        error.hidden = true;
        append(m, clientId);
      })
      .catch(function (e) {
        li.remove();
        error.textContent = e.message;
        error.hidden = false;
      });
  }

  document.addEventListener('change', function (event) {
    if (event.target.id === 'chat-file') {
      sendFile(event.target.form, event.target);
    }
  });

  function post(url, fields) {
    var headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json' };
    if (csrf && csrfHeader) {
      headers[csrfHeader.content] = csrf.content;
    }
    return fetch(url, { method: 'POST', headers: headers, body: new URLSearchParams(fields || {}) })
      .then(function (r) {
        if (!r.ok) {
          var e = new Error('HTTP ' + r.status);
          e.status = r.status;
          throw e;
        }
        return r.status === 204 ? null : r.json();
      });
  }

  function sendReply(form, clientId, text) {
    post(form.getAttribute('data-action'), { clientId: clientId, text: text })
      .then(function (m) { append(m, clientId); })
      .catch(function (e) {
        if (e.status && e.status < 500) {
          return;
        }
        setTimeout(function () { sendReply(form, clientId, text); }, 2000);
      });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.id !== 'chat-reply') {
      return;
    }
    event.preventDefault();
    var area = form.querySelector('[name=text]');
    var text = area.value.trim();
    if (!text) {
      return;
    }
    area.value = '';
    var clientId = newClientId();
    var log = document.getElementById('chat-messages');
    var li = document.createElement('li');
    li.className = 'chat-line agent pending';
    li.setAttribute('data-key', clientId);
    var bubble = document.createElement('span');
    bubble.className = 'bubble';
    bubble.textContent = text;
    li.appendChild(bubble);
    log.appendChild(li);
    scrollDown();
    sendReply(form, clientId, text);
  });

  document.addEventListener('keydown', function (event) {
    var form = event.target.form;
    if (!form || form.id !== 'chat-reply') {
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
    else if (Date.now() - lastTyping > 3000) {
      lastTyping = Date.now();
      post(form.getAttribute('data-typing')).catch(function () {});
    }
  });

  document.addEventListener('kefu:live', function (event) {
    var m = event.detail;
    var open = panel();
    var openId = open ? Number(open.getAttribute('data-chat')) : null;
    if (m.kind === 'chat.waiting' || m.kind === 'chat.taken' || m.kind === 'chat.transferred') {
      refreshLists();
      if (m.kind === 'chat.taken' && openId === m.chat && window.htmx) {
        window.htmx.ajax('GET', '/chat/console/chats/' + m.chat, { target: '#chat-conversation', swap: 'innerHTML' });
      }
    }
    else if (m.kind === 'chat.ended') {
      refreshLists();
      if (openId === m.chat && window.htmx) {
        window.htmx.ajax('GET', '/chat/console/chats/' + m.chat, { target: '#chat-conversation', swap: 'innerHTML' });
      }
    }
    else if (m.kind === 'chat.message' && openId === m.chat) {
      document.getElementById('chat-agent-typing').hidden = true;
      append(m.message);
    }
    else if (m.kind === 'chat.typing' && openId === m.chat) {
      var typing = document.getElementById('chat-agent-typing');
      typing.hidden = false;
      setTimeout(function () { typing.hidden = true; }, 4000);
    }
  });

  document.body.addEventListener('htmx:afterSwap', function (event) {
    if (event.target.id === 'chat-conversation') {
      refreshLists();
      scrollDown();
    }
  });

  var selected = root.getAttribute('data-selected');
  if (selected && window.htmx) {
    window.htmx.ajax('GET', '/chat/console/chats/' + selected, { target: '#chat-conversation', swap: 'innerHTML' });
  }
})();
