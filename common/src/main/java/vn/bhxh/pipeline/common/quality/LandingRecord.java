package vn.bhxh.pipeline.common.quality;

/**
 * One data row of a landing file.
 *
 * @param lineNumber 1-based physical line where the row starts (the header is line 1)
 * @param values the row's values in the order of the dataset's landing columns: trimmed, NFC, null
 *     when empty or when the file has no such column
 * @param ragged whether the row had more or fewer fields than the header
 */
public record LandingRecord(long lineNumber, String[] values, boolean ragged) {}
