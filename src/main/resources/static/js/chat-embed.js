// The visitor's side of Kefu chat, inside the frame the widget opens. Every message gets an id here
// before it is sent and waits in a local outbox until Kefu has acknowledged it; a message sent twice
// (a retry after a dropped connection) is stored once. After a reconnect the frame asks for what it
// missed. The chat survives a reload: its id and key stay in this frame's storage.
(function () {
  'use strict';
  var body = document.body;
  var t = JSON.parse(body.getAttribute('data-texts') || '{}');
  var lang = body.getAttribute('data-lang');
  var log = document.getElementById('chat-log');
  var status = document.getElementById('chat-status');
  var typingBox = document.getElementById('chat-typing');
  var startForm = document.getElementById('chat-start');
  var offlineForm = document.getElementById('chat-offline');
  var sendForm = document.getElementById('chat-send');
  var endButton = document.getElementById('chat-end');
  var store = window.localStorage;
  var state = load();
  var shown = {};
  var socket = null;
  var retryTimer = null;
  var lastTyping = 0;

  function load() {
    try {
      return JSON.parse(store.getItem('kefu-chat') || '{}');
    }
    catch (e) {
      return {};
    }
  }

  function save() {
    store.setItem('kefu-chat', JSON.stringify(state));
  }

  function randomId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  if (!state.visitor) {
    state.visitor = randomId();
    save();
  }
  state.outbox = state.outbox || [];

  function show(form) {
    [startForm, offlineForm, sendForm].forEach(function (f) { f.hidden = f !== form; });
  }

  function line(author, text, key) {
    var li = key ? document.querySelector('[data-key="' + key + '"]') : null;
    if (!li) {
      li = document.createElement('li');
      li.className = 'chat-line ' + author;
      if (key) {
        li.setAttribute('data-key', key);
      }
      var bubble = document.createElement('span');
      bubble.className = 'bubble';
      bubble.textContent = text;
      li.appendChild(bubble);
      log.appendChild(li);
      log.parentNode.scrollTop = log.parentNode.scrollHeight;
    }
    return li;
  }

  function render(m) {
    if (shown[m.id]) {
      return;
    }
    shown[m.id] = true;
    if (m.id > (state.last || 0)) {
      state.last = m.id;
      save();
    }
    if (m.author === 'system') {
      if (m.body.indexOf('joined:') === 0) {
        line('system', t.joined.replace('{0}', m.body.substring(7)));
      }
      return;
    }
    var li = line(m.author, m.body, m.author === 'visitor' ? 'c-' + m.clientId : 'm-' + m.id);
    li.classList.remove('pending', 'unsent');
    li.setAttribute('data-id', m.id);
    if (m.file) {
      showFile(li, m.file);
    }
  }

  // a file in the chat: fetched with the chat's key (never put in a link), shown as a picture or a link
  function showFile(li, file) {
    var bubble = li.querySelector('.bubble');
    if (bubble.getAttribute('data-file') === String(file.id)) {
      return;
    }
    bubble.setAttribute('data-file', file.id);
    bubble.classList.add('chat-file');
    fetch('/chat/visitor/chats/' + state.chat.id + '/files/' + file.id, { headers: { 'X-Chat-Key': state.chat.key } })
      .then(function (r) {
        if (!r.ok) {
          throw new Error('HTTP ' + r.status);
        }
        return r.blob();
      })
      .then(function (blob) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = file.filename;
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
        bubble.textContent = '';
        bubble.appendChild(link);
      })
      .catch(function () {});
  }

  function sendFile(input, attempt) {
    var file = input.files[0];
    if (!file || !state.chat) {
      return;
    }
    var clientId = state.visitor.substring(0, 8) + '-file-' + randomId().substring(0, 8);
    var li = line('visitor', file.name, 'c-' + clientId);
    li.classList.add('pending');
    var upload = function (tries) {
      var data = new FormData();
      data.append('clientId', clientId);
      data.append('file', file);
      fetch('/chat/visitor/chats/' + state.chat.id + '/files', {
        method: 'POST', headers: { 'X-Chat-Key': state.chat.key, 'Accept': 'application/json' }, body: data
      }).then(function (r) {
        return r.json().then(function (body) {
          if (r.ok) {
            render(body);
            return;
          }
          var error = new Error(body.detail || body.title || ('HTTP ' + r.status));
          error.status = r.status;
          throw error;
        });
      }).catch(function (e) {
        if (e.status && e.status < 500) {
          li.remove();
          setStatus(t.refused.replace('{0}', e.message));
        }
        else if (tries < 5) {
          li.classList.add('unsent');
          setTimeout(function () { upload(tries + 1); }, 2000);
        }
      });
    };
    input.value = '';
    upload(attempt || 0);
  }

  document.getElementById('chat-file').addEventListener('change', function (event) {
    sendFile(event.target, 0);
  });

  function call(method, path, payload) {
    var headers = { 'Accept': 'application/json' };
    if (payload) {
      headers['Content-Type'] = 'application/json';
    }
    if (state.chat) {
      headers['X-Chat-Key'] = state.chat.key;
    }
    return fetch(path, { method: method, headers: headers, body: payload ? JSON.stringify(payload) : undefined })
      .then(function (r) {
        if (!r.ok) {
          var error = new Error('HTTP ' + r.status);
          error.status = r.status;
          throw error;
        }
        return r.status === 204 ? null : r.json();
      });
  }

  function setStatus(text) {
    status.textContent = text || '';
  }

  function waiting(position, seconds) {
    var minutes = Math.max(1, Math.round(seconds / 60));
    setStatus(t.waiting.replace('{0}', position).replace('{1}', minutes));
  }

  function flush() {
    if (!state.chat || !state.outbox.length) {
      return;
    }
    var next = state.outbox[0];
    call('POST', '/chat/visitor/chats/' + state.chat.id + '/messages', { clientId: next.clientId, text: next.text })
      .then(function (m) {
        state.outbox.shift();
        save();
        render(m);
        if (status.textContent === t.unsent) {
          setStatus('');
        }
        flush();
      })
      .catch(function (e) {
        if (e.status === 409 || e.status === 404) {
          ended();
          return;
        }
        var li = document.querySelector('[data-key="c-' + next.clientId + '"]');
        if (li) {
          li.classList.add('unsent');
        }
        setStatus(t.unsent);
        clearTimeout(retryTimer);
        retryTimer = setTimeout(flush, 2000);
      });
  }

  function catchUp() {
    if (!state.chat) {
      return Promise.resolve();
    }
    return call('GET', '/chat/visitor/chats/' + state.chat.id + '/messages?after=0').then(function (r) {
      r.messages.forEach(render);
      if (r.status === 'ended') {
        ended();
      }
      else if (r.status === 'waiting') {
        waiting(r.position, r.expectedWaitSeconds);
      }
      else {
        setStatus('');
      }
    });
  }

  function listen() {
    if (socket || !state.chat) {
      return;
    }
    socket = window.KefuStomp.open('/chat/live?session=' + encodeURIComponent(state.chat.id) + '&key='
      + encodeURIComponent(state.chat.key), '/user/queue/chat', {
      open: function () {
        body.setAttribute('data-connected', 'true');
        catchUp().then(flush);
      },
      closed: function () {
        body.removeAttribute('data-connected');
        if (state.chat) {
          setStatus(t.reconnecting);
        }
      },
      message: function (m) {
        if (m.kind === 'chat.message') {
          typingBox.hidden = true;
          render(m.message);
        }
        else if (m.kind === 'chat.queue') {
          waiting(m.position, m.expectedWaitSeconds);
        }
        else if (m.kind === 'chat.accepted') {
          setStatus('');
          render(m.message);
        }
        else if (m.kind === 'chat.typing') {
          typingBox.hidden = false;
          setTimeout(function () { typingBox.hidden = true; }, 4000);
        }
        else if (m.kind === 'chat.ended') {
          ended();
        }
      }
    });
  }

  function ended() {
    setStatus(t.ended);
    show(startForm);
    endButton.hidden = true;
    if (socket) {
      socket.close();
      socket = null;
    }
    state.chat = null;
    state.outbox = [];
    state.last = 0;
    save();
    body.setAttribute('data-ended', 'true');
  }

  function send(text) {
    var clientId = state.visitor.substring(0, 8) + '-' + Date.now().toString(36) + '-' + randomId().substring(0, 6);
    state.outbox.push({ clientId: clientId, text: text });
    save();
    line('visitor', text, 'c-' + clientId).classList.add('pending');
    if (state.outbox.length === 1) {
      flush();
    }
  }

  // Opens the chat with a person; after the bot, with its conversation so the agent sees it.
  function startChat(text, name, email, botConversation) {
    var clientId = state.visitor.substring(0, 8) + '-first-' + randomId().substring(0, 6);
    return call('POST', '/chat/visitor/chats', {
      visitorId: state.visitor, name: name, email: email || null, language: lang,
      pageUrl: document.referrer || null, text: text, clientId: clientId, botConversation: botConversation || null
    }).then(function (started) {
      state.chat = { id: started.session, key: started.key };
      state.last = 0;
      state.bot = null;
      save();
      line('visitor', text, 'c-' + clientId);
      waiting(started.position, started.expectedWaitSeconds);
      show(sendForm);
      endButton.hidden = false;
      listen();
    }).catch(function (e) {
      if (e.status === 409) {
        offlineForm.querySelector('[name=text]').value = text;
        offlineForm.querySelector('[name=name]').value = name || '';
        offlineForm.querySelector('[name=email]').value = email || '';
        show(offlineForm);
      }
      else {
        setStatus(t.unsent);
      }
    });
  }

  // The bot answers first when it is on: an answer above its threshold with "that answers it" and
  // "talk to a person", or an honest "not sure" with the way to a person. The customer may ask for a
  // person at any time; the person gets the whole bot conversation.
  var botOn = body.getAttribute('data-bot') === 'true';
  var botState = { conversation: null, questions: [] };

  function botLine(parts) {
    var li = document.createElement('li');
    li.className = 'chat-line agent bot';
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = t['bot-name'];
    li.appendChild(who);
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    parts.forEach(function (p) { bubble.appendChild(p); });
    li.appendChild(bubble);
    log.appendChild(li);
    log.parentNode.scrollTop = log.parentNode.scrollHeight;
    return li;
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    e.textContent = text;
    if (cls) {
      e.className = cls;
    }
    return e;
  }

  function toHuman() {
    var data = new FormData(startForm);
    var typed = String(data.get('text') || '').trim();
    var first = botState.questions.length ? botState.questions[0] : typed;
    if (!first) {
      startForm.querySelector('[name=text]').focus();
      setStatus(t['bot-question']);
      return;
    }
    startChat(first, data.get('name'), data.get('email'), botState.conversation);
  }

  function askBot(question) {
    line('visitor', question);
    botState.questions.push(question);
    return fetch('/bot/ask?source=widget', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question: question, language: lang, conversation: botState.conversation })
    }).then(function (r) {
      if (!r.ok) {
        throw r;
      }
      return r.json();
    }).then(function (a) {
      botState.conversation = a.conversation;
      var human = el('button', t['bot-human'], 'btn btn-sm btn-outline-secondary bot-human');
      human.type = 'button';
      human.addEventListener('click', toHuman);
      var actions = el('div', '', 'd-flex gap-1 mt-1 flex-wrap');
      if (!a.answered) {
        actions.appendChild(human);
        botLine([el('div', t['bot-unsure']), actions]).setAttribute('data-bot', 'unsure');
        return;
      }
      var read = el('a', t['bot-read'], 'small d-block');
      read.href = '/help/articles/' + a.articleId;
      read.target = '_blank';
      read.rel = 'noopener';
      var solved = el('button', t['bot-solved'], 'btn btn-sm btn-outline-success bot-solved');
      solved.type = 'button';
      solved.addEventListener('click', function () {
        fetch('/bot/feedback', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ questionId: a.questionId, conversation: a.conversation, helpful: true }) }).catch(function () {});
        actions.textContent = t['bot-thanks'];
      });
      actions.appendChild(solved);
      actions.appendChild(human);
      botLine([el('strong', a.title, 'd-block'), el('div', a.answer), read, actions]).setAttribute('data-bot', 'answer');
    }).catch(function () {
      botOn = false;
      startChat(question, startForm.querySelector('[name=name]').value, startForm.querySelector('[name=email]').value, null);
    });
  }

  startForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = new FormData(startForm);
    var text = String(data.get('text') || '').trim();
    if (!text) {
      return;
    }
    if (botOn) {
      startForm.querySelector('[name=text]').value = '';
      askBot(text);
      return;
    }
    startChat(text, data.get('name'), data.get('email'), null);
  });

  var humanButton = document.getElementById('chat-human');
  if (humanButton) {
    humanButton.addEventListener('click', toHuman);
  }

  offlineForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = new FormData(offlineForm);
    call('POST', '/chat/visitor/offline', {
      visitorId: state.visitor, name: data.get('name'), email: data.get('email'), language: lang,
      pageUrl: document.referrer || null, text: String(data.get('text') || '').trim(), clientId: 'offline'
    }).then(function (r) {
      show(null);
      setStatus(t.left.replace('{0}', r.ticket));
      body.setAttribute('data-left', String(r.ticket));
    }).catch(function () { setStatus(t.unsent); });
  });

  sendForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var area = sendForm.querySelector('[name=text]');
    var text = area.value.trim();
    if (text) {
      send(text);
      area.value = '';
    }
  });

  sendForm.querySelector('[name=text]').addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      sendForm.requestSubmit();
    }
    else if (state.chat && Date.now() - lastTyping > 3000) {
      lastTyping = Date.now();
      call('POST', '/chat/visitor/chats/' + state.chat.id + '/typing').catch(function () {});
    }
  });

  endButton.addEventListener('click', function () {
    if (state.chat) {
      call('POST', '/chat/visitor/chats/' + state.chat.id + '/end').then(ended).catch(ended);
    }
  });

  window.addEventListener('online', flush);

  if (state.chat) {
    show(sendForm);
    endButton.hidden = false;
    state.outbox.forEach(function (m) { line('visitor', m.text, 'c-' + m.clientId).classList.add('pending'); });
    catchUp().then(listen).catch(function (e) {
      if (e.status === 404) {
        ended();
        show(startForm);
      }
    });
  }
  else {
    call('GET', '/chat/visitor/availability').then(function (a) {
      show(a.online || botOn ? startForm : offlineForm);
    }).catch(function () { show(offlineForm); });
  }
})();
