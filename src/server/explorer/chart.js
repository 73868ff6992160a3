// Charts for `render` (placeholder until the chart module lands): hides the chart area.
export function drawChart(container) {
  container.hidden = true;
  container.replaceChildren();
}
