package vn.bhxh.pipeline.jobs.sql;

/** Output formats of the {@code sql} command. */
public enum SqlFormat {
  /** An aligned text table with a header, for people. */
  table,
  /** RFC 4180 CSV with a header row. */
  csv,
  /** One JSON object per line (JSON Lines). */
  json
}
