// Live recomputation for the scenario page. The page works without this file: the form submits
// with GET and the server renders the results. With it, every change is sent to the JSON API and
// the result panels are swapped in place, without a reload.
(function () {
  'use strict';

  var form = document.getElementById('tweaks');
  if (!form) return;
  var scenario = form.getAttribute('data-scenario');
  var results = document.getElementById('results');
  var tree = document.getElementById('tree');
  var messages = form.querySelector('.form-errors');
  var reset = form.querySelector('.reset');
  var timer = null;
  var latest = 0;
  var csrf = document.querySelector('meta[name="csrf-token"]');

  // The session's anti-forgery token, sent with every request that changes or computes.
  function headers() {
    var h = { 'content-type': 'application/json', accept: 'application/json' };
    if (csrf && csrf.content) h['x-csrf-token'] = csrf.content;
    return h;
  }

  // Sliders are useless without script, so they start hidden and appear here.
  var sliders = form.querySelectorAll('input.slider');
  for (var i = 0; i < sliders.length; i++) sliders[i].hidden = false;

  // The number boxes and the indicators' answers. A phrase select writes into its box, so the
  // selects themselves are not sent (without script they are: see readForm on the server).
  function fields() {
    var data = {};
    var inputs = form.querySelectorAll('input[name]');
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].type === 'radio' && !inputs[i].checked) continue;
      if (inputs[i].value.trim() !== '') data[inputs[i].name] = inputs[i].value;
    }
    return data;
  }

  // The select beside a probability shows the phrase in its box, or "a number".
  function showPhrase(select, phrase) {
    for (var i = 0; i < select.options.length; i++)
      select.options[i].selected = select.options[i].getAttribute('data-phrase') === (phrase || '');
  }

  function showIndicators(list) {
    for (var i = 0; i < (list || []).length; i++) {
      var d = list[i];
      var el = form.querySelector('[data-indicator="' + CSS.escape(d.id) + '"]');
      if (!el) continue;
      el.classList.toggle('watch', d.watch);
      el.classList.toggle('answered', d.state !== 'unknown');
      el.classList.toggle('invalid', Boolean(d.error));
      el.querySelector('.watch-mark').hidden = !d.watch;
      var ul = el.querySelector('.indicator-sentences');
      ul.textContent = '';
      for (var k = 0; k < d.sentences.length; k++) {
        var li = document.createElement('li');
        li.textContent = d.sentences[k];
        ul.appendChild(li);
      }
      el.querySelector('.error').textContent = d.error || '';
    }
  }

  function fieldElement(name) {
    var all = form.querySelectorAll('[data-field]');
    for (var i = 0; i < all.length; i++)
      if (all[i].getAttribute('data-field') === name) return all[i];
    return null;
  }

  function showFields(list) {
    for (var i = 0; i < list.length; i++) {
      var f = list[i];
      var el = fieldElement(f.name);
      if (!el) continue;
      el.classList.toggle('changed', f.changed);
      el.classList.toggle('invalid', Boolean(f.error));
      var input = el.querySelector('input[name]');
      if (f.error) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      el.querySelector('.error').textContent = f.error || '';
      el.querySelector('.break-even').textContent = f.breakEven ? ' · ' + f.breakEven : '';
      var select = el.querySelector('select.phrase');
      if (select && document.activeElement !== select) showPhrase(select, f.phrase);
    }
  }

  function showMessages(list) {
    messages.textContent = '';
    for (var i = 0; i < list.length; i++) {
      var li = document.createElement('li');
      li.textContent = list[i];
      messages.appendChild(li);
    }
  }

  // The Export links carry the same query as the page, so an export is what is on screen.
  function updateExports(query) {
    var menu = document.getElementById('export');
    if (!menu) return;
    var base = menu.getAttribute('data-base');
    var links = menu.querySelectorAll('a[data-format]');
    for (var i = 0; i < links.length; i++) {
      var table = links[i].getAttribute('data-table');
      var parts = [];
      if (table) parts.push('table=' + table);
      if (query) parts.push(query);
      links[i].href =
        base +
        '.' +
        links[i].getAttribute('data-format') +
        (parts.length ? '?' + parts.join('&') : '');
    }
    // So is the link that saves the values as the analyst's own assessment.
    var assess = document.getElementById('save-assessment');
    if (assess) assess.href = assess.getAttribute('data-base') + (query ? '?' + query : '');
  }

  function recompute() {
    var ticket = ++latest;
    results.setAttribute('aria-busy', 'true');
    fetch('/api/scenarios/' + encodeURIComponent(scenario) + '/explore', {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify(fields()),
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (reply) {
        // A slower answer to an older change must not overwrite a newer one.
        if (ticket !== latest) return;
        results.removeAttribute('aria-busy');
        if (!reply.ok) {
          results.classList.add('stale');
          showMessages(
            (reply.body.errors || []).map(function (e) {
              return e.message;
            }),
          );
          return;
        }
        var view = reply.body;
        showFields(view.fields);
        showIndicators(view.indicators);
        showMessages(view.messages);
        reset.hidden = !view.changed;
        // Invalid input keeps the last valid results on screen, marked stale.
        if (view.stale) {
          results.classList.add('stale');
        } else {
          results.classList.remove('stale');
          results.innerHTML = view.html.results;
          tree.innerHTML = view.html.tree;
        }
        history.replaceState(null, '', view.query ? '?' + view.query : location.pathname);
        updateExports(view.query);
      })
      .catch(function () {
        if (ticket !== latest) return;
        results.removeAttribute('aria-busy');
        results.classList.add('stale');
        showMessages(['The server could not be reached; the results shown may be out of date.']);
      });
  }

  form.addEventListener('input', function (event) {
    var target = event.target;
    if (target.classList.contains('slider')) {
      document.getElementById(target.getAttribute('data-for')).value = target.value;
    } else if (target.classList.contains('phrase')) {
      // A phrase picked goes into the box (the value the form sends); "a number" puts the
      // phrase's value there to edit.
      var box = document.getElementById(target.getAttribute('data-for'));
      var picked = target.options[target.selectedIndex];
      var phrase = picked.getAttribute('data-phrase');
      if (phrase) box.value = phrase;
      else
        for (var k = 0; k < target.options.length; k++)
          if (target.options[k].getAttribute('data-phrase') === box.value.trim().toLowerCase())
            box.value = target.options[k].getAttribute('data-value');
    } else if (target.name) {
      var slider = form.querySelector('input.slider[data-for="' + target.id + '"]');
      if (slider && target.value.trim() !== '' && isFinite(Number(target.value)))
        slider.value = target.value;
    }
    clearTimeout(timer);
    timer = setTimeout(recompute, 150);
  });

  // Saving and deleting variants need script (they send JSON, which no cross-site form can).
  var saveButton = document.getElementById('save-variant');
  var saveStatus = form.querySelector('.save-status');
  if (saveButton) saveButton.hidden = false;
  if (saveButton)
    saveButton.addEventListener('click', function () {
      var body = { set: {}, weight: {}, probability: {} };
      var changed = form.querySelectorAll('.field.changed input[name]');
      for (var i = 0; i < changed.length; i++) {
        var name = changed[i].name;
        var value = changed[i].value.trim();
        if (value === '') continue;
        var numeric = value !== '' && isFinite(Number(value));
        if (name.indexOf('p.') === 0) body.set[name.slice(2)] = numeric ? Number(value) : value;
        else if (name.indexOf('w.') === 0) body.weight[name.slice(2)] = Number(value);
        else if (name.indexOf('q.') === 0) body.probability[name.slice(2)] = Number(value);
      }
      if (changed.length === 0) {
        saveStatus.textContent =
          'Change some values first: a variant stores what differs from the scenario file.';
        return;
      }
      var title = window.prompt('Name of the variant (for example "Hawkish Congress"):');
      if (!title) return;
      body.name = title;
      var base = scenario.split('--')[0];
      fetch('/api/scenarios/' + encodeURIComponent(base) + '/variants', {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify(body),
      })
        .then(function (response) {
          return response.json().then(function (reply) {
            if (response.status === 201)
              location.href = '/scenarios/' + encodeURIComponent(reply.id);
            else
              saveStatus.textContent = (reply.errors || [])
                .map(function (e) {
                  return e.message;
                })
                .join(' ');
          });
        })
        .catch(function () {
          saveStatus.textContent = 'The server could not be reached; nothing was saved.';
        });
    });

  var deleteButton = document.getElementById('delete-variant');
  if (deleteButton) {
    deleteButton.hidden = false;
    deleteButton.addEventListener('click', function () {
      var id = deleteButton.getAttribute('data-variant');
      if (!window.confirm('Delete this variant? The scenario file is not affected.')) return;
      fetch('/api/scenarios/' + encodeURIComponent(id), {
        method: 'DELETE',
        headers: headers(),
      }).then(function (response) {
        if (response.status === 204)
          location.href = '/scenarios/' + encodeURIComponent(id.split('--')[0]);
      });
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    recompute();
  });
})();
