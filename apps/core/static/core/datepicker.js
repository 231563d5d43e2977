// The Jalali calendar under every date field (JalaliDateInput renders data-jdp), with the keyboard.
// The field stays a text box: typing «۱۴۰۵/۰۱/۱۵» or 1405/01/15 still works, the server parses both.
// Keys in the field: ↓ (or Alt+↓) opens the calendar and walks into its days; then ← → move a day
// (right to left), ↑ ↓ a week, PageUp/PageDown a month, Enter picks, Escape closes; focus never leaves
// the field, so it keeps its label. No inline script: the CSP allows scripts from the desk only.
(function () {
  "use strict";
  var picker = window.jalaliDatepicker;
  if (!picker) return;

  var SELECTOR = "input[data-jdp]";
  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹";
  var ARABIC = "٠١٢٣٤٥٦٧٨٩";
  var MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];
  var state = { input: null, day: 0, walking: false };

  function latin(text) {
    return String(text).replace(/[۰-۹٠-٩]/g, function (d) {
      var i = PERSIAN.indexOf(d);
      return String(i >= 0 ? i : ARABIC.indexOf(d));
    });
  }
  function persian(text) {
    return String(text).replace(/[0-9]/g, function (d) { return PERSIAN[d]; });
  }

  picker.startWatch({
    selector: SELECTOR,
    autoShow: false, // opened by click or ↓, so typing and tabbing through a form stay undisturbed
    autoReadOnlyInput: false,
    persianDigits: true,
    changeMonthRotateYear: true,
    showCloseBtn: true,
    months: MONTHS,
    zIndex: 1080,
  });

  function container() { return document.querySelector("jdp-container"); }
  function isOpen() {
    var box = container();
    return !!box && box.style.display !== "none" && box.style.visibility !== "hidden";
  }
  function days() {
    var box = container();
    return box ? Array.prototype.slice.call(box.querySelectorAll(".jdp-day:not(.not-in-month)")) : [];
  }
  function shown() {
    var box = container();
    var year = box && box.querySelector(".jdp-year select, .jdp-year input");
    var month = box && box.querySelector(".jdp-month select");
    return { year: year ? Number(year.value) : 0, month: month ? Number(month.value) : 0 };
  }

  function open(input) {
    // The library reads only Latin digits; the desk renders Persian ones. Show it the Latin value
    // while it draws, so it opens on the field's own month with its day marked, then put it back.
    var typed = input.value;
    input.value = latin(typed);
    picker.show(input);
    input.value = typed;
    state.input = input;
    state.walking = false;
    input.setAttribute("aria-expanded", "true");
    decorate();
  }
  function close(input) {
    picker.hide();
    leaveDays(input);
    input.setAttribute("aria-expanded", "false");
  }
  function leaveDays(input) {
    state.walking = false;
    input.removeAttribute("aria-activedescendant");
    days().forEach(function (cell) { cell.classList.remove("jdp-kbd-active"); });
  }

  function decorate() {
    var box = container();
    if (!box) return;
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "تقویم");
    var when = shown();
    days().forEach(function (cell, i) {
      cell.id = "jdp-day-" + (i + 1);
      cell.setAttribute("aria-label", persian(i + 1) + " " + MONTHS[when.month - 1] + " " + persian(when.year));
    });
  }

  function mark(day) {
    var cells = days();
    if (!cells.length) return;
    state.day = Math.max(1, Math.min(day, cells.length));
    cells.forEach(function (cell, i) { cell.classList.toggle("jdp-kbd-active", i + 1 === state.day); });
    state.input.setAttribute("aria-activedescendant", cells[state.day - 1].id);
  }

  function firstDay() {
    var cells = days();
    var chosen = cells.findIndex(function (c) { return c.classList.contains("selected"); });
    if (chosen < 0) chosen = cells.findIndex(function (c) { return c.classList.contains("today"); });
    return chosen >= 0 ? chosen + 1 : 1;
  }

  function turnMonth(forward) {
    var box = container();
    var icon = box && box.querySelector(".jdp-months " + (forward ? ".jdp-icon-plus" : ".jdp-icon-minus"));
    if (!icon || icon.classList.contains("not-in-range")) return false;
    icon.click();
    decorate();
    return true;
  }

  function move(delta) {
    var target = state.day + delta;
    var length = days().length;
    if (target < 1) {
      if (!turnMonth(false)) return mark(1);
      target += days().length;
    } else if (target > length) {
      if (!turnMonth(true)) return mark(length);
      target -= length;
    }
    mark(target);
  }

  document.addEventListener("click", function (event) {
    var input = event.target.closest && event.target.closest(SELECTOR);
    if (input && !input.disabled && !input.readOnly && !isOpen()) open(input);
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target.closest && event.target.closest(SELECTOR);
    if (!input) return;
    var key = event.key;
    if (!isOpen() || state.input !== input) {
      if (key === "ArrowDown" && !input.disabled && !input.readOnly) {
        event.preventDefault();
        open(input);
        state.walking = true;
        mark(firstDay());
      }
      return;
    }
    if (key === "Escape") {
      // Handled here so the library's own Escape (which also blurs the field) never sees it.
      event.preventDefault();
      event.stopPropagation();
      close(input);
      return;
    }
    if (key === "Tab") { close(input); return; }
    if (!state.walking) {
      if (key === "ArrowDown") {
        event.preventDefault();
        state.walking = true;
        mark(firstDay());
      }
      return;
    }
    var moves = { ArrowLeft: 1, ArrowRight: -1, ArrowDown: 7, ArrowUp: -7 };
    if (key in moves) {
      event.preventDefault();
      move(moves[key]);
    } else if (key === "PageDown" || key === "PageUp") {
      event.preventDefault();
      var day = state.day;
      if (turnMonth(key === "PageDown")) mark(day);
    } else if (key === "Home" || key === "End") {
      event.preventDefault();
      mark(key === "Home" ? 1 : days().length);
    } else if (key === "Enter") {
      event.preventDefault(); // picks the day instead of submitting the form
      var cell = days()[state.day - 1];
      if (cell && !cell.classList.contains("disabled-day")) cell.click();
      leaveDays(input);
      input.setAttribute("aria-expanded", "false");
    } else if (key.length === 1) {
      leaveDays(input); // typing a date by hand
    }
  }, true);

  // The picker writes Latin digits; the desk shows Persian ones (the server accepts both). It fires
  // jdp:change before change and input, so listeners (htmx's hx-trigger="change") see the Persian value.
  document.addEventListener("jdp:change", function (event) {
    if (event.target.matches(SELECTOR)) {
      event.target.value = persian(event.target.value);
      event.target.setAttribute("aria-expanded", "false");
    }
  });
})();
