// The editor page: validate as you type (through the JSON API), list problems with their line
// and column, jump to them, and preview the tree of the last valid version. Without this file
// the page is a plain form that the server validates on save.
(function () {
  'use strict';

  var form = document.getElementById('editor');
  if (!form) return;
  var text = document.getElementById('yaml');
  var list = document.getElementById('edit-errors');
  var preview = document.getElementById('preview');
  var status = form.querySelector('.edit-status');
  var timer = null;
  var latest = 0;

  function goTo(line, column) {
    var lines = text.value.split('\n');
    var offset = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(0, column - 1);
    text.focus();
    text.setSelectionRange(offset, offset);
  }

  list.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-line]');
    if (!link) return;
    event.preventDefault();
    goTo(Number(link.getAttribute('data-line')), Number(link.getAttribute('data-column')));
  });

  function show(errors) {
    list.textContent = '';
    for (var i = 0; i < errors.length; i++) {
      var e = errors[i];
      var li = document.createElement('li');
      if (e.line !== null) {
        var a = document.createElement('a');
        a.href = '#yaml';
        a.setAttribute('data-line', e.line);
        a.setAttribute('data-column', e.column);
        a.textContent = 'line ' + e.line + ', column ' + e.column;
        li.appendChild(a);
        li.appendChild(document.createTextNode(': ' + e.message));
      } else {
        li.textContent = e.message;
      }
      list.appendChild(li);
    }
  }

  function validate() {
    var ticket = ++latest;
    var csrf = document.querySelector('meta[name="csrf-token"]');
    var h = { 'content-type': 'application/json', accept: 'application/json' };
    if (csrf && csrf.content) h['x-csrf-token'] = csrf.content;
    fetch('/api/validate', {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ yaml: text.value }),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (reply) {
        if (ticket !== latest) return;
        show(reply.errors || []);
        status.textContent = reply.valid
          ? 'Valid: ready to save.'
          : 'Not valid yet: saving will be refused.';
        if (reply.preview) preview.innerHTML = reply.preview;
      })
      .catch(function () {
        if (ticket === latest) status.textContent = 'Could not reach the server to check the text.';
      });
  }

  text.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(validate, 300);
  });
})();
