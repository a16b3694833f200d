// Kefu's chat widget. One tag on any site:
//   <script src="https://kefu.example.com/chat/widget.js" data-color="#0b5cab" data-lang="zh-CN"
//           data-greeting="您好，有什么可以帮您？" async></script>
// adds a chat button in the corner; the chat itself runs in a frame served by Kefu, so the site needs
// nothing else and learns nothing of the conversation.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__kefuChat) {
    return;
  }
  window.__kefuChat = true;
  var origin = new URL(script.src, location.href).origin;
  var color = script.getAttribute('data-color') || '#0b5cab';
  var lang = script.getAttribute('data-lang') || navigator.language || 'en';
  var greeting = script.getAttribute('data-greeting') || '';
  var label = script.getAttribute('data-label') || (lang.toLowerCase().indexOf('zh') === 0 ? '在线客服' : 'Chat with us');

  var button = document.createElement('button');
  button.type = 'button';
  button.id = 'kefu-chat-button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.style.cssText = 'position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:24px;'
    + 'padding:12px 20px;font:600 15px/1 system-ui,sans-serif;color:#fff;cursor:pointer;'
    + 'box-shadow:0 4px 14px rgba(0,0,0,.25);background:' + color;

  var frame = document.createElement('iframe');
  frame.id = 'kefu-chat-frame';
  frame.title = label;
  frame.src = origin + '/chat/embed?lang=' + encodeURIComponent(lang) + '&color=' + encodeURIComponent(color)
    + (greeting ? '&greeting=' + encodeURIComponent(greeting) : '');
  frame.style.cssText = 'position:fixed;right:20px;bottom:76px;z-index:2147483000;width:360px;max-width:calc(100vw - 40px);'
    + 'height:520px;max-height:calc(100vh - 100px);border:0;border-radius:12px;background:#fff;'
    + 'box-shadow:0 8px 30px rgba(0,0,0,.3);display:none';

  button.addEventListener('click', function () {
    var open = frame.style.display === 'none';
    frame.style.display = open ? 'block' : 'none';
    button.setAttribute('aria-expanded', String(open));
  });
  document.body.appendChild(frame);
  document.body.appendChild(button);
})();
