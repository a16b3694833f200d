// Saved replies in any reply box marked data-saved-replies (its value: the ticket's id, for the
// variables). Typing "/" and a word at the start of a line, or the box's "Saved replies" button, opens
// a list; ↑/↓ and Enter or a click insert the chosen reply, filled in for the ticket by Kefu. Variables
// without a value are named under the box, to be filled in by hand.
(function () {
  'use strict';
  var popup = null;
  var box = null;
  var slash = null;
  var timer = null;
  var csrf = document.querySelector('meta[name=_csrf]');
  var csrfHeader = document.querySelector('meta[name=_csrf_header]');

  function close() {
    if (popup) {
      popup.remove();
    }
    popup = null;
    box = null;
    slash = null;
  }

  function hint(area, text) {
    var id = area.id + '-reply-hint';
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement('div');
      note.id = id;
      note.className = 'small text-warning-emphasis saved-reply-hint';
      area.insertAdjacentElement('afterend', note);
    }
    note.textContent = text || '';
    note.hidden = !text;
  }

  function load(query) {
    if (!popup) {
      return;
    }
    fetch('/replies/picker?q=' + encodeURIComponent(query || ''), { headers: { 'HX-Request': 'true' } })
      .then(function (r) { return r.ok ? r.text() : ''; })
      .then(function (html) {
        if (!popup) {
          return;
        }
        popup.querySelector('.list-group').innerHTML = html;
        var first = popup.querySelector('.reply-choice');
        if (first) {
          first.classList.add('active');
        }
      });
  }

  function open(area, query, fromSlash) {
    close();
    box = area;
    slash = fromSlash;
    popup = document.createElement('div');
    popup.className = 'saved-reply-popup card shadow';
    popup.setAttribute('role', 'listbox');
    popup.setAttribute('aria-label', area.getAttribute('data-saved-replies-label') || 'Saved replies');
    if (!fromSlash) {
      var search = document.createElement('input');
      search.type = 'search';
      search.className = 'form-control form-control-sm saved-reply-search';
      search.setAttribute('aria-label', popup.getAttribute('aria-label'));
      search.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { load(search.value); }, 150);
      });
      popup.appendChild(search);
    }
    var list = document.createElement('div');
    list.className = 'list-group list-group-flush';
    popup.appendChild(list);
    area.parentNode.style.position = 'relative';
    area.insertAdjacentElement('afterend', popup);
    load(query);
    if (!fromSlash) {
      popup.querySelector('input').focus();
    }
  }

  function choose(button) {
    var area = box;
    var from = slash;
    var id = button.getAttribute('data-reply');
    var ticket = area.getAttribute('data-saved-replies');
    var headers = { 'Accept': 'application/json' };
    if (csrf && csrfHeader) {
      headers[csrfHeader.content] = csrf.content;
    }
    close();
    fetch('/replies/' + id + '/fill' + (ticket ? '?ticket=' + encodeURIComponent(ticket) : ''), {
      method: 'POST', headers: headers
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (filled) {
      if (!filled) {
        return;
      }
      var value = area.value;
      var start = from ? from.start : area.selectionStart;
      var end = from ? area.selectionStart : area.selectionEnd;
      area.value = value.substring(0, start) + filled.text + value.substring(end);
      var caret = start + filled.text.length;
      area.focus();
      area.setSelectionRange(caret, caret);
      area.dispatchEvent(new Event('input', { bubbles: true }));
      var missing = filled.missing && filled.missing.length ? filled.missing.join(', ') : '';
      hint(area, missing ? (area.getAttribute('data-saved-replies-missing') || '{0}').replace('{0}', missing) : '');
    });
  }

  function move(step) {
    var items = Array.prototype.slice.call(popup.querySelectorAll('.reply-choice'));
    if (!items.length) {
      return;
    }
    var at = items.findIndex(function (b) { return b.classList.contains('active'); });
    items.forEach(function (b) { b.classList.remove('active'); });
    var next = items[(at + step + items.length) % items.length];
    next.classList.add('active');
    next.scrollIntoView({ block: 'nearest' });
  }

  // "/word" typed at the start of a line opens the list for that word
  document.addEventListener('input', function (event) {
    var area = event.target;
    if (!area.matches || !area.matches('textarea[data-saved-replies]')) {
      return;
    }
    var before = area.value.substring(0, area.selectionStart);
    var match = /(^|\n)\/([^\s/]{0,32})$/.exec(before);
    if (!match) {
      if (popup && slash && box === area) {
        close();
      }
      return;
    }
    var start = before.length - match[2].length - 1;
    if (!popup || box !== area) {
      open(area, match[2], { start: start });
    }
    else {
      slash = { start: start };
      clearTimeout(timer);
      timer = setTimeout(function () { load(match[2]); }, 150);
    }
  });

  // while the list is open, ↑/↓/Enter/Esc belong to it (before the box's own Enter-to-send)
  document.addEventListener('keydown', function (event) {
    if (!popup) {
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      move(event.key === 'ArrowDown' ? 1 : -1);
    }
    else if (event.key === 'Enter') {
      var active = popup.querySelector('.reply-choice.active');
      if (active) {
        event.preventDefault();
        event.stopPropagation();
        choose(active);
      }
    }
    else if (event.key === 'Escape') {
      event.stopPropagation();
      var area = box;
      close();
      if (area) {
        area.focus();
      }
    }
  }, true);

  document.addEventListener('click', function (event) {
    var choice = event.target.closest && event.target.closest('.reply-choice');
    if (choice && popup && popup.contains(choice)) {
      choose(choice);
      return;
    }
    var opener = event.target.closest && event.target.closest('[data-saved-replies-for]');
    if (opener) {
      var area = document.getElementById(opener.getAttribute('data-saved-replies-for'));
      if (area) {
        open(area, '', null);
      }
      return;
    }
    if (popup && !popup.contains(event.target)) {
      close();
    }
  });
})();
