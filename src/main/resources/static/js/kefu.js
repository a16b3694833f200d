// Kefu's small page behaviours: CSRF for htmx, confirmations, notices, copy buttons.
(function () {
  'use strict';

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }

  document.addEventListener('htmx:configRequest', function (e) {
    var header = meta('_csrf_header');
    var token = meta('_csrf');
    if (header && token) {
      e.detail.headers[header] = token;
    }
  });

  // Forms and buttons with data-confirm ask first.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var question = form.getAttribute('data-confirm');
    var submitter = e.submitter;
    if (submitter && submitter.getAttribute('data-confirm')) {
      question = submitter.getAttribute('data-confirm');
    }
    if (question && !window.confirm(question)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener('htmx:confirm', function (e) {
    var el = e.detail.elt;
    var question = el.getAttribute('data-confirm');
    if (question) {
      e.preventDefault();
      if (window.confirm(question)) {
        e.detail.issueRequest(true);
      }
    }
  });

  function notice(text, kind) {
    var box = document.getElementById('notices');
    if (!box) {
      return;
    }
    var div = document.createElement('div');
    div.className = 'alert alert-' + (kind || 'danger') + ' shadow-sm mb-2';
    div.setAttribute('role', 'alert');
    div.textContent = text;
    box.appendChild(div);
    setTimeout(function () { div.remove(); }, 6000);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.body.addEventListener('kefu:error', function (e) { notice(e.detail.value, 'danger'); });
    document.body.addEventListener('kefu:saved', function (e) { notice(e.detail.value, 'success'); });
  });

  document.addEventListener('htmx:responseError', function (e) {
    var box = document.getElementById('notices');
    notice(box ? box.getAttribute('data-failed') : 'Request failed', 'danger');
  });
  document.addEventListener('htmx:sendError', function () {
    var box = document.getElementById('notices');
    notice(box ? box.getAttribute('data-offline') : 'Network error', 'warning');
  });

  // Copy buttons: data-copy="#element-id"
  document.addEventListener('click', function (e) {
    var button = e.target.closest('[data-copy]');
    if (!button) {
      return;
    }
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.value || source.textContent);
      button.textContent = button.getAttribute('data-copied') || 'Copied';
    }
  });

  // The agent's state in the top bar follows changes made elsewhere (another tab, a call, Kefu).
  document.addEventListener('kefu:live', function (e) {
    var menu = document.getElementById('agent-state');
    if (e.detail && e.detail.kind === 'agent.state' && menu && window.htmx && !menu.querySelector('.show')) {
      window.htmx.ajax('GET', '/agent-state/menu', { target: '#agent-state', swap: 'innerHTML' });
    }
  });

  // Rows with data-href open that page (the link inside stays the accessible way).
  document.addEventListener('click', function (e) {
    var row = e.target.closest('tr[data-href]');
    if (row && !e.target.closest('a, button, input, select, label')) {
      window.location = row.getAttribute('data-href');
    }
  });

  // SLA clocks count down to their deadline every second; the panel itself reloads every 30 s.
  function slaTick() {
    var now = Date.now();
    document.querySelectorAll('.sla-countdown[data-sla-due]').forEach(function (el) {
      var panel = el.closest('[data-left]');
      var due = Date.parse(el.getAttribute('data-sla-due'));
      if (!panel || isNaN(due)) {
        return;
      }
      var diff = Math.round((due - now) / 1000);
      var s = Math.abs(diff);
      var text = Math.floor(s / 3600) + ':' + String(Math.floor(s % 3600 / 60)).padStart(2, '0') + ':'
        + String(s % 60).padStart(2, '0');
      el.textContent = panel.getAttribute(diff >= 0 ? 'data-left' : 'data-over').replace('%s', text);
      el.classList.toggle('text-danger', diff < 0);
    });
  }
  setInterval(slaTick, 1000);
  document.addEventListener('htmx:afterSwap', slaTick);

  // Agent assist: "Insert into reply" puts the suggested article's text into the reply box at the
  // cursor (or at the end), ready to edit before sending.
  document.addEventListener('click', function (e) {
    var button = e.target.closest('[data-assist-insert]');
    if (!button) {
      return;
    }
    var area = document.getElementById(button.getAttribute('data-assist-insert'));
    if (!area) {
      return;
    }
    var text = button.getAttribute('data-text') || '';
    var start = area.selectionStart == null ? area.value.length : area.selectionStart;
    var end = area.selectionEnd == null ? area.value.length : area.selectionEnd;
    var before = area.value.substring(0, start);
    var glue = before && !/\n$/.test(before) ? '\n' : '';
    area.value = before + glue + text + area.value.substring(end);
    area.focus();
    area.selectionStart = area.selectionEnd = (before + glue + text).length;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
})();
