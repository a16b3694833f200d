// The help center's question box: asks Kefu's bot; shows its answer with a link to the article and
// "did this help?", or says it is not sure and points to a person.
(function () {
  'use strict';
  var box = document.getElementById('help-bot');
  var form = document.getElementById('help-bot-form');
  var out = document.getElementById('help-bot-answer');
  if (!box || !form || !out) {
    return;
  }
  var conversation = null;

  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (cls) {
      el.className = cls;
    }
    return el;
  }

  function post(path, payload) {
    return fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (body) {
          if (!r.ok) {
            throw new Error(body.detail || box.getAttribute('data-error'));
          }
          return body;
        });
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var question = form.querySelector('[name=question]').value.trim();
    if (!question) {
      return;
    }
    out.textContent = '…';
    post('/bot/ask?source=help', { question: question, language: box.getAttribute('data-lang'), conversation: conversation })
      .then(function (a) {
        conversation = a.conversation;
        out.textContent = '';
        if (!a.answered) {
          out.appendChild(text('p', box.getAttribute('data-unsure'), 'mb-1'));
          var contact = text('a', box.getAttribute('data-contact'));
          contact.href = '/forms';
          out.appendChild(contact);
          return;
        }
        var card = document.createElement('div');
        card.className = 'border rounded p-2 help-bot-reply';
        card.appendChild(text('div', a.title, 'fw-semibold'));
        card.appendChild(text('div', a.answer, 'small help-bot-text'));
        var link = text('a', box.getAttribute('data-read'), 'small');
        link.href = '/help/articles/' + a.articleId;
        card.appendChild(link);
        var actions = document.createElement('div');
        actions.className = 'mt-2 d-flex gap-2';
        [[true, 'data-yes'], [false, 'data-no']].forEach(function (choice) {
          var b = text('button', box.getAttribute(choice[1]), 'btn btn-sm btn-outline-secondary');
          b.type = 'button';
          b.addEventListener('click', function () {
            post('/bot/feedback', { questionId: a.questionId, conversation: a.conversation, helpful: choice[0] })
              .catch(function () {});
            actions.textContent = box.getAttribute('data-thanks');
          });
          actions.appendChild(b);
        });
        card.appendChild(actions);
        out.appendChild(card);
      })
      .catch(function (e) { out.textContent = e.message; });
  });
})();
