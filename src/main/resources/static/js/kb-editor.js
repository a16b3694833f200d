// The knowledge base's rich-text editor: a contenteditable box with a small toolbar (bold, italic,
// heading, paragraph, lists, link, image upload). Its HTML goes into the form's hidden field on
// saving; Kefu sanitises it there. Also uploads attachments from the article page.
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name=_csrf]');
  var csrfHeader = document.querySelector('meta[name=_csrf_header]');
  var editor = document.getElementById('kb-editor');
  var field = document.getElementById('kb-body');
  var form = document.getElementById('kb-form');

  function upload(input, done) {
    var file = input.files && input.files[0];
    if (!file) {
      return;
    }
    var data = new FormData();
    data.append('file', file);
    var headers = {};
    if (csrf && csrfHeader) {
      headers[csrfHeader.content] = csrf.content;
    }
    fetch(input.getAttribute('data-upload'), { method: 'POST', body: data, headers: headers, credentials: 'same-origin' })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) {
            throw new Error(body.detail || body.title || r.statusText);
          }
          return body;
        });
      })
      .then(done)
      .catch(function (e) { window.alert(e.message); })
      .finally(function () { input.value = ''; });
  }

  if (editor && field && form) {
    document.querySelectorAll('.kb-toolbar [data-cmd]').forEach(function (button) {
      button.addEventListener('click', function () {
        var cmd = button.getAttribute('data-cmd');
        var value = button.getAttribute('data-value');
        editor.focus();
        if (cmd === 'createLink') {
          value = window.prompt(button.getAttribute('data-prompt') || 'https://', 'https://');
          if (!value || !/^(https?:|mailto:|\/)/i.test(value)) {
            return;
          }
        }
        document.execCommand(cmd, false, value || null);
      });
    });
    var image = document.getElementById('kb-image');
    if (image) {
      image.addEventListener('change', function () {
        upload(image, function (stored) {
          editor.focus();
          document.execCommand('insertImage', false, stored.url);
        });
      });
    }
    form.addEventListener('submit', function () {
      field.value = editor.innerHTML;
    });
  }

  var attach = document.getElementById('kb-attach');
  if (attach) {
    attach.addEventListener('change', function () {
      upload(attach, function () { window.location.reload(); });
    });
  }
})();
