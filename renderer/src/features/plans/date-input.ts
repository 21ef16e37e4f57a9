// What a plan's date field holds when its form is sent. A date typed that does not exist (the
// 30th of February) leaves Chromium's field empty with `validity.badInput` set; it must not read
// as "no date" (an undated item, or dates removed), so it is passed on as text the model refuses
// as not a date, and the form shows the model's translated message.
export const NOT_A_DATE = 'not a date';

export function dateFieldValue(input: HTMLInputElement | null, value: string): string {
  return input?.validity.badInput ? NOT_A_DATE : value;
}
