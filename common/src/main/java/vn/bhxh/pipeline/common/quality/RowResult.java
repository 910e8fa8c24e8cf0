package vn.bhxh.pipeline.common.quality;

import java.util.List;

/**
 * The verdict on one landing row.
 *
 * @param values when accepted: the typed values in the order of the table's columns, without the
 *     lineage columns ({@code source_file}, {@code run_id}) the job appends; null when rejected
 * @param reasons every reason that applies, in {@link ReasonCode} order; empty when accepted
 * @param detail which columns failed which check, e.g. {@code MISSING_REQUIRED: scheme}; never a
 *     value, since a malformed value may be a raw ID; null when accepted
 */
public record RowResult(Object[] values, List<ReasonCode> reasons, String detail) {
  public RowResult {
    reasons = List.copyOf(reasons);
  }

  public boolean accepted() {
    return reasons.isEmpty();
  }
}
