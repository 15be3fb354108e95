// Programme dashboard chart: budget against spending per partner (EUR), from a json_script element.
(function () {
  "use strict";
  var canvas = document.getElementById("spending-chart");
  if (!canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(document.getElementById(canvas.dataset.chartSource).textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: canvas.dataset.labelBudget, data: data.budget.map(Number), backgroundColor: "#8cc7ad" },
        { label: canvas.dataset.labelSpent, data: data.spent.map(Number), backgroundColor: "#0b6e4f" }
      ]
    },
    options: { responsive: true, animation: false, scales: { y: { beginAtZero: true } } }
  });
  canvas.dataset.ready = "true";
})();
