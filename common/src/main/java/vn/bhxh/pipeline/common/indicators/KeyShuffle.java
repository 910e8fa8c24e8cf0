package vn.bhxh.pipeline.common.indicators;

import static vn.bhxh.pipeline.common.indicators.KeyCollapse.FIRST_ADDITIVE;
import static vn.bhxh.pipeline.common.indicators.KeyCollapse.GROUP;
import static vn.bhxh.pipeline.common.indicators.KeyCollapse.KEY;
import static vn.bhxh.pipeline.common.indicators.KeyCollapse.SOURCE;
import static vn.bhxh.pipeline.common.indicators.KeyCollapse.VALUE;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.Tuple2;

/**
 * The shuffle of {@link KeyCollapse}: the merged rows of each task ({@link AdjacentMerge}) go to
 * the task that owns their (group, key), packed by destination into blocks of columns ({@link
 * Block}: a few primitive arrays). Spark's shuffle of rows wrote each row as its own record, a
 * length and some forty bytes through a buffered stream, and read it back the same way, a tenth of
 * the month's transform for 9.6 M rows; a block is a handful of array copies.
 *
 * <p>Which task a key goes to is a fixed function of (group, key), so that every row of a key meets
 * in one task whatever task read it; rows without a key (they count in the sums only) go by (group,
 * source).
 */
final class KeyShuffle {
  /** Rows per block at most: about 400 KB of arrays. */
  static final int BLOCK_ROWS = 16_384;

  /** Rows per block at least, however many destinations (past some 12,000 the bound gives way). */
  static final int MIN_BLOCK_ROWS = 64;

  /**
   * What a task's open blocks (one per destination) may hold at once: with many shuffle partitions
   * (a cluster's hundreds or thousands) blocks are smaller, so that they stay within it.
   */
  static final long OPEN_BLOCKS_BYTES = 32L << 20;

  private KeyShuffle() {}

  /**
   * The rows, in {@link KeyCollapse}'s input layout, each in the block of its destination task.
   *
   * @param rows rows of group (int), source (int), key (long, nullable), value (long) and the
   *     additive measures (long, nullable: null adds nothing); no row without a group or a source
   * @param partitions how many tasks read the blocks
   */
  static JavaRDD<Block> byKey(JavaRDD<InternalRow> rows, int additive, int partitions) {
    return rows.mapPartitionsToPair(new Pack(additive, partitions))
        .partitionBy(new ByIndex(partitions))
        .values();
  }

  /** Rows per block for that many destinations and additive measures. */
  static int blockRows(int partitions, int additive) {
    long bytesPerRow = Integer.BYTES * 2 + 1 + Long.BYTES * (2 + additive);
    long rows = OPEN_BLOCKS_BYTES / (bytesPerRow * partitions);
    return (int) Math.max(MIN_BLOCK_ROWS, Math.min(BLOCK_ROWS, rows));
  }

  /** The task of a row: by (group, key), or by (group, source) for a row without a key. */
  static int destination(int group, int source, boolean keyless, long key, int partitions) {
    long mixed = (keyless ? source : key) * 0x9E3779B97F4A7C15L + group;
    return (int) ((mixed >>> 33) % partitions);
  }

  /**
   * Rows in columns: entry i is (groups[i], sources[i], keys[i] unless keyless[i], values[i], sums
   * i × additive to (i + 1) × additive). Sent whole through the shuffle (Java serialisation writes
   * a primitive array as one copy).
   */
  record Block(
      int size,
      int additive,
      int[] groups,
      int[] sources,
      boolean[] keyless,
      long[] keys,
      long[] values,
      long[] sums)
      implements Serializable {

    /** An empty block of {@code capacity} rows, to be filled. */
    private static Block empty(int capacity, int additive) {
      return new Block(
          0,
          additive,
          new int[capacity],
          new int[capacity],
          new boolean[capacity],
          new long[capacity],
          new long[capacity],
          new long[capacity * additive]);
    }

    /** The block with its first {@code size} entries filled, in arrays of that length. */
    private Block filled(int size) {
      if (size == groups.length) {
        return new Block(size, additive, groups, sources, keyless, keys, values, sums);
      }
      return new Block(
          size,
          additive,
          Arrays.copyOf(groups, size),
          Arrays.copyOf(sources, size),
          Arrays.copyOf(keyless, size),
          Arrays.copyOf(keys, size),
          Arrays.copyOf(values, size),
          Arrays.copyOf(sums, size * additive));
    }
  }

  /** The blocks of one task's rows, by destination; a block is sent when full, the rest at end. */
  private static final class Pack
      implements PairFlatMapFunction<Iterator<InternalRow>, Integer, Block> {
    private static final long serialVersionUID = 1L;

    private final int additive;
    private final int partitions;
    private final int blockRows;

    Pack(int additive, int partitions) {
      this.additive = additive;
      this.partitions = partitions;
      this.blockRows = blockRows(partitions, additive);
    }

    @Override
    public Iterator<Tuple2<Integer, Block>> call(Iterator<InternalRow> rows) {
      Block[] open = new Block[partitions];
      int[] filled = new int[partitions];
      return new Iterator<>() {
        private Tuple2<Integer, Block> ready; // the next block out, once it is known
        private int next = -1; // the destination whose partial block goes out next, at the end

        @Override
        public boolean hasNext() {
          while (ready == null && rows.hasNext()) {
            add(rows.next());
          }
          // The input done: the partial blocks, one destination after the other.
          while (ready == null && ++next < partitions) {
            if (filled[next] > 0) {
              ready = new Tuple2<>(next, open[next].filled(filled[next]));
              open[next] = null;
            }
          }
          return ready != null;
        }

        @Override
        public Tuple2<Integer, Block> next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Tuple2<Integer, Block> out = ready;
          ready = null;
          return out;
        }

        private void add(InternalRow row) {
          int group = row.getInt(GROUP);
          int source = row.getInt(SOURCE);
          boolean keyless = row.isNullAt(KEY);
          long key = keyless ? 0L : row.getLong(KEY);
          int to = destination(group, source, keyless, key, partitions);
          Block block = open[to];
          if (block == null) {
            block = Block.empty(blockRows, additive);
            open[to] = block;
          }
          int i = filled[to];
          block.groups()[i] = group;
          block.sources()[i] = source;
          block.keyless()[i] = keyless;
          block.keys()[i] = key;
          block.values()[i] = row.getLong(VALUE);
          for (int a = 0; a < additive; a++) {
            int field = FIRST_ADDITIVE + a;
            block.sums()[i * additive + a] = row.isNullAt(field) ? 0L : row.getLong(field);
          }
          if (++i == blockRows) {
            ready = new Tuple2<>(to, block.filled(blockRows));
            open[to] = null; // the sent block is not reused: the shuffle may still hold it
            i = 0;
          }
          filled[to] = i;
        }
      };
    }
  }

  /** The partitioner of blocks keyed by their destination's index. */
  private static final class ByIndex extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final int partitions;

    ByIndex(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ByIndex that && that.partitions == partitions;
    }

    @Override
    public int hashCode() {
      return partitions;
    }
  }
}
