// The charts of the supervisor dashboard (/staff/supervision), drawn with Chart.js from the JSON of
// GET /api/v1/supervision/dashboard. Labels in the page's language come from the page itself (data-label-*
// attributes and the indicator table); the numbers come from the API only. Once drawn, a canvas carries
// data-rendered="true" and the numbers it shows in data-values, so that tests can compare them with the API.
(function () {
  'use strict';

  var OVERDUE = '#b3261e';
  var DUE_SOON = '#e08a00';
  var RATE = '#1f5fa8';
  var MAX_UNITS = 20;

  function draw(canvas, config, values) {
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options);
    new window.Chart(canvas, config);
    canvas.dataset.values = JSON.stringify(values);
    canvas.dataset.rendered = 'true';
  }

  function deadlineChart(canvas, data) {
    var rows = data.deadlines.byUnit.slice(0, MAX_UNITS);
    var values = { units: rows.map(function (r) { return r.code; }),
      overdue: rows.map(function (r) { return r.overdue; }),
      dueSoon: rows.map(function (r) { return r.dueSoon; }) };
    draw(canvas, {
      type: 'bar',
      data: {
        labels: rows.map(function (r) { return r.name; }),
        datasets: [
          { label: canvas.dataset.labelOverdue, data: values.overdue, backgroundColor: OVERDUE },
          { label: canvas.dataset.labelDueSoon, data: values.dueSoon, backgroundColor: DUE_SOON }
        ]
      },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
    }, values);
  }

  function indicatorChart(canvas, data) {
    var rows = Array.prototype.slice.call(document.querySelectorAll('#indicator-table tr[data-rate]'));
    var rates = data.indicators.rates;
    var values = rows.map(function (row) {
      var v = rates[row.dataset.rate];
      return v === null || v === undefined ? null : Math.round(v * 1000) / 10;
    });
    draw(canvas, {
      type: 'bar',
      data: {
        labels: rows.map(function (row) { return row.querySelector('th').textContent; }),
        datasets: [{ label: canvas.dataset.labelRate, data: values, backgroundColor: RATE }]
      },
      options: { scales: { y: { beginAtZero: true, max: 100 } } }
    }, values);
  }

  function start() {
    var canvases = [['deadline-chart', deadlineChart], ['indicator-chart', indicatorChart]]
      .map(function (c) { return [document.getElementById(c[0]), c[1]]; })
      .filter(function (c) { return c[0] !== null; });
    if (canvases.length === 0 || !window.Chart) {
      return;
    }
    var data;
    try {
      data = JSON.parse(document.getElementById('dashboard-data').textContent);
    } catch (e) {
      canvases.forEach(function (c) { c[0].dataset.rendered = 'failed'; });
      return;
    }
    canvases.forEach(function (c) { c[1](c[0], data); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
