package vn.bhxh.pipeline.common.indicators;

import static vn.bhxh.pipeline.common.indicators.KeyCollapse.FIRST_ADDITIVE;
import static vn.bhxh.pipeline.common.indicators.KeyCollapse.GROUP;
import static vn.bhxh.pipeline.common.indicators.KeyCollapse.KEY;
import static vn.bhxh.pipeline.common.indicators.KeyCollapse.SOURCE;
import static vn.bhxh.pipeline.common.indicators.KeyCollapse.VALUE;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;

/**
 * The map side of {@link KeyCollapse}: before the shuffle by key, rows that follow each other with
 * the same (group, source, key) become one row, their values merged and their additive measures
 * summed. A person's rows (one per scheme) are written together by the landing files and kept
 * together by the ingest, so in a month of participation 13.5 M rows become 9.6 M before they are
 * shuffled, serialised and read back. The merge is the one {@link KeyTable} applies after the
 * shuffle, so the result is the same whatever the order of the rows; order only decides how much is
 * saved.
 *
 * <p>Rows are in {@link KeyCollapse}'s input layout ({@link KeyCollapse#GROUP}): group (int),
 * source (int), key (long, nullable), value (long), then the additive measures (long, nullable).
 * Rows without a group or a source are dropped (the collapse leaves them out); rows without a key
 * are merged with the following keyless rows of their (group, source), which count in the sums
 * only. A null additive measure adds nothing, as in the collapse.
 */
final class AdjacentMerge implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
  private static final long serialVersionUID = 1L;

  private final int additive;
  private final KeyTable.Merge merge;

  AdjacentMerge(int additive, KeyTable.Merge merge) {
    this.additive = additive;
    this.merge = merge;
  }

  @Override
  public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
    return new Merged(rows);
  }

  /** The merged rows, one run of equal (group, source, key) at a time. */
  private final class Merged implements Iterator<InternalRow> {
    private final Iterator<InternalRow> rows;
    private boolean pending;
    private int group;
    private int source;
    private boolean keyless;
    private long key;
    private long value;
    private final long[] sums = new long[additive];

    /**
     * The row handed out, rewritten for each run: the consumer projects it at once (a frame over an
     * RDD copies every row it reads), so one row serves the whole task, without boxing.
     */
    private final UnsafeRow out = newRow(FIRST_ADDITIVE + additive);

    Merged(Iterator<InternalRow> rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      return pending || advanceToFirst();
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      while (rows.hasNext()) {
        InternalRow row = rows.next();
        if (row.isNullAt(GROUP) || row.isNullAt(SOURCE)) {
          continue;
        }
        if (sameRun(row)) {
          add(row);
        } else {
          InternalRow out = emit();
          start(row);
          return out;
        }
      }
      return emit();
    }

    /** Finds the first usable row of the input and starts a run with it. */
    private boolean advanceToFirst() {
      while (rows.hasNext()) {
        InternalRow row = rows.next();
        if (!row.isNullAt(GROUP) && !row.isNullAt(SOURCE)) {
          start(row);
          return true;
        }
      }
      return false;
    }

    private boolean sameRun(InternalRow row) {
      boolean rowKeyless = row.isNullAt(KEY);
      return row.getInt(GROUP) == group
          && row.getInt(SOURCE) == source
          && rowKeyless == keyless
          && (keyless || row.getLong(KEY) == key);
    }

    private void start(InternalRow row) {
      pending = true;
      group = row.getInt(GROUP);
      source = row.getInt(SOURCE);
      keyless = row.isNullAt(KEY);
      key = keyless ? 0L : row.getLong(KEY);
      value = row.getLong(VALUE);
      Arrays.fill(sums, 0L);
      addSums(row);
    }

    private void add(InternalRow row) {
      value = merge.apply(value, row.getLong(VALUE));
      addSums(row);
    }

    private void addSums(InternalRow row) {
      for (int i = 0; i < additive; i++) {
        if (!row.isNullAt(FIRST_ADDITIVE + i)) {
          sums[i] += row.getLong(FIRST_ADDITIVE + i);
        }
      }
    }

    private InternalRow emit() {
      pending = false;
      out.setInt(GROUP, group);
      out.setInt(SOURCE, source);
      if (keyless) {
        out.setNullAt(KEY);
      } else {
        out.setLong(KEY, key);
      }
      out.setLong(VALUE, value);
      for (int i = 0; i < additive; i++) {
        out.setLong(FIRST_ADDITIVE + i, sums[i]);
      }
      return out;
    }
  }

  private static UnsafeRow newRow(int fields) {
    return UnsafeRow.createFromByteArray(
        UnsafeRow.calculateBitSetWidthInBytes(fields) + 8 * fields, fields);
  }
}
