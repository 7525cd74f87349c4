// Draws the works dashboard's charts with the vendored Chart.js from the data the page embeds
// with json_script. Without this script (or Chart.js) the page still shows every figure, and
// each chart's data table stays open.
(() => {
  "use strict";
  const source = document.getElementById("dashboard-data");
  if (!source || typeof window.Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const words = data.words;
  const whole = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
  const short = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
  const money = (v) => `${whole.format(v)} ${words.currency}`;
  const shortMoney = (v) => {
    const a = Math.abs(v);
    if (a >= 1e9) return `${short.format(v / 1e9)} ${words.billion}`;
    if (a >= 1e6) return `${short.format(v / 1e6)} ${words.million}`;
    return whole.format(v);
  };
  const phone = () => window.matchMedia("(max-width: 576px)").matches;
  // Long category names ("Chương trình mục tiêu quốc gia") wrap onto lines instead of
  // squeezing the bars on a phone.
  const wrap = (text, width) => {
    const lines = [];
    let line = "";
    for (const word of String(text).split(" ")) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; } else { line = line ? line + " " + word : word; }
    }
    if (line) lines.push(line);
    return lines;
  };

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#495057";
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.position = "bottom";
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) Chart.defaults.animation = false;

  const labelWidth = () => (phone() ? 16 : 28);
  // Bars keep a readable thickness and wrapped labels their lines: the box grows with rows.
  const barHeight = (chart) => {
    const lines = Math.max(1, ...chart.labels.map((l) => wrap(l, labelWidth()).length));
    const bars = chart.stacked ? 30 : 10 + 14 * chart.datasets.length;
    const perRow = Math.max(bars, 14 * lines + 14);
    const axes = chart.datasets.some((ds) => ds.money) ? 150 : 110;
    return Math.max(220, chart.labels.length * perRow + axes);
  };

  function doughnut(chart) {
    const total = chart.datasets[0].data.reduce((a, b) => a + b, 0);
    return {
      type: "doughnut",
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map((ds) => ({
          label: ds.label, data: ds.data, backgroundColor: ds.colours, borderColor: "#fff", borderWidth: 2,
        })),
      },
      options: {
        cutout: "55%",
        plugins: {
          tooltip: {
            callbacks: {
              label: (ctx) => `${ctx.label}: ${whole.format(ctx.parsed)} (${short.format(total ? (ctx.parsed * 100) / total : 0)}%)`,
            },
          },
        },
      },
    };
  }

  function bar(chart) {
    const hasMoney = chart.datasets.some((ds) => ds.money);
    const value = chart.horizontal ? "x" : "y";
    const index = chart.horizontal ? "y" : "x";
    const scales = {
      [index]: {
        stacked: chart.stacked,
        grid: { display: false },
        ticks: {
          autoSkip: false,
          callback(v) { return wrap(this.getLabelForValue(v), labelWidth()); },
        },
      },
      [value]: {
        stacked: chart.stacked,
        beginAtZero: true,
        position: chart.horizontal ? "bottom" : "left",
        ticks: { precision: 0, callback: (v) => whole.format(v) },
        title: hasMoney ? { display: true, text: chart.datasets.find((ds) => !ds.money).label } : undefined,
      },
    };
    if (hasMoney) {
      scales.money = {
        axis: value,
        position: chart.horizontal ? "top" : "right",
        beginAtZero: true,
        grid: { drawOnChartArea: false },
        ticks: { callback: (v) => shortMoney(v), maxTicksLimit: phone() ? 4 : 6 },
        title: { display: true, text: chart.datasets.find((ds) => ds.money).label },
      };
    }
    return {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map((ds) => ({
          label: ds.label,
          data: ds.data,
          backgroundColor: ds.colours,
          borderRadius: 2,
          maxBarThickness: 28,
          [`${value}AxisID`]: ds.money ? "money" : value,
          money: ds.money,
        })),
      },
      options: {
        indexAxis: index,
        scales,
        plugins: {
          tooltip: {
            callbacks: {
              label: (ctx) => {
                const v = ctx.parsed[value];
                return `${ctx.dataset.label}: ${ctx.dataset.money ? money(v) : whole.format(v)}`;
              },
            },
          },
        },
      },
    };
  }

  const byKey = Object.fromEntries(data.charts.map((c) => [c.key, c]));
  document.querySelectorAll("[data-chart]").forEach((box) => {
    const chart = byKey[box.dataset.chart];
    if (!chart) return;
    try {
      if (chart.kind === "bar") box.style.height = `${barHeight(chart)}px`;
      box.hidden = false;
      new Chart(box.querySelector("canvas"), chart.kind === "doughnut" ? doughnut(chart) : bar(chart));
      // The chart now says it; its table stays one tap away.
      const table = document.querySelector(`[data-chart-table="${chart.key}"]`);
      if (table) table.open = false;
    } catch (error) {
      box.hidden = true;
      console.error("dashboard chart", chart.key, error);
    }
  });
})();
