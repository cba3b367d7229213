// 全选: a box in a table head ticks or clears every box of the same name in the form.
document.querySelectorAll("input.select-all").forEach(function (all) {
  all.addEventListener("change", function () {
    var form = all.closest("form");
    form.querySelectorAll('input[type="checkbox"][name="' + all.dataset.select + '"]').forEach(
      function (box) { if (!box.disabled) { box.checked = all.checked; } }
    );
  });
});
