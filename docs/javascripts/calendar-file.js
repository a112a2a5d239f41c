// An iCalendar file (RFC 5545) of a program's days, for "Add to my calendar" in "My program":
// one event that repeats each week on the program's days, at the patient's time, with a
// reminder. The phone's calendar app reads it; nothing is sent anywhere. Times are floating
// (the phone's own time zone). Pure: runs in the browser and under `node --test`.

((root, make) => {
  if (typeof module === "object" && module.exports) module.exports = make();
  else {
    root.faiCalendarFile = make();
    root.dispatchEvent(new Event("fai-script"));
  }
})(globalThis, () => {
  "use strict";

  const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
  const encoder = new TextEncoder();

  // TEXT values escape backslashes, semicolons, commas and line breaks (RFC 5545, 3.3.11).
  function escaped(text) {
    return text.replace(/[\\;,]/g, "\\$&").replace(/\r?\n/g, "\\n");
  }

  // Lines longer than 75 octets go on in lines that start with a space (3.1), never inside a character.
  function folded(line) {
    const parts = [];
    let part = "";
    for (const character of line) {
      if (encoder.encode(part + character).length > (parts.length ? 74 : 75)) {
        parts.push(part);
        part = "";
      }
      part += character;
    }
    return [...parts, part].join("\r\n ");
  }

  const compact = (day) => day.replaceAll("-", "");

  // {title, description, reminder, days (weekday numbers, 0 for Monday), start ("YYYY-MM-DD", one of the days),
  // time ("HH:MM"), minutes, until ("YYYY-MM-DD" or ""), uid, stamp (a Date)} → the file's text.
  function calendar(event) {
    const time = event.time.replace(":", "") + "00";
    const rule = [`FREQ=WEEKLY`, `BYDAY=${[...event.days].sort().map((day) => WEEKDAYS[day]).join(",")}`];
    if (event.until) rule.push(`UNTIL=${compact(event.until)}T235959`);
    const lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Hip Impingement & PT//My program//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
      `UID:${event.uid}`,
      `DTSTAMP:${event.stamp.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")}`,
      `DTSTART:${compact(event.start)}T${time}`,
      `DURATION:PT${event.minutes}M`,
      `RRULE:${rule.join(";")}`,
      `SUMMARY:${escaped(event.title)}`,
      `DESCRIPTION:${escaped(event.description)}`,
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `DESCRIPTION:${escaped(event.reminder)}`,
      "TRIGGER:PT0M",
      "END:VALARM",
      "END:VEVENT",
      "END:VCALENDAR",
    ];
    return lines.map(folded).join("\r\n") + "\r\n";
  }

  return { calendar };
});
