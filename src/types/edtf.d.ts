// The edtf package ships no types; the tests use it as a reference for partial dates.
declare module "edtf" {
  interface ExtDate {
    /** First millisecond covered (UTC). */
    min: number;
    /** Last millisecond covered (UTC). */
    max: number;
  }
  export default function edtf(text: string): ExtDate;
}
