package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.landing.LandingFile;

class BatchPipelineTest {
  /**
   * Batches named by number (batch n is a list of n files, so that reads running at once still know
   * which batch is theirs); every call is recorded in order.
   */
  private static class Recorder implements BatchPipeline.Loader<Integer> {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    /** One table for every batch unless a test says otherwise. */
    @Override
    public String table(List<LandingFile> files) {
      return "participation";
    }

    @Override
    public Integer read(List<LandingFile> files) {
      int number = files.size();
      calls.add("read " + number);
      return number;
    }

    @Override
    public List<Row> write(Integer batch) {
      calls.add("write " + batch);
      return List.of(RowFactory.create(batch));
    }

    @Override
    public void discard(Integer batch) {
      calls.add("discard " + batch);
    }
  }

  /** Waits for a latch, at most 30 s; false if it did not open (interrupted included). */
  private static boolean opensInTime(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * One thread's call waiting for another's: {@link #arrive} opens it, {@link #awaitArrival} waits
   * at most 30 s and records whether it opened (run one after the other, the wait would record
   * false).
   */
  private static final class Meeting {
    private final CountDownLatch latch = new CountDownLatch(1);
    final List<Boolean> met = Collections.synchronizedList(new ArrayList<>());

    void arrive() {
      latch.countDown();
    }

    void awaitArrival() {
      met.add(opensInTime(latch));
    }
  }

  private static List<List<LandingFile>> batches(int count) {
    List<List<LandingFile>> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batches.add(Collections.nCopies(i, null));
    }
    return batches;
  }

  @Test
  void logRowsComeInBatchOrderAndEveryBatchIsWrittenOnce() {
    Recorder loader = new Recorder();

    List<Row> log = BatchPipeline.run(loader, batches(6));

    assertThat(log).extracting(row -> row.getInt(0)).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(loader.calls)
        .filteredOn(call -> call.startsWith("write"))
        .containsExactly("write 0", "write 1", "write 2", "write 3", "write 4", "write 5");
    // A batch is read before it is written, and batch n + 3 only once batch n is written (at most
    // three batches held at once).
    int window = BatchPipeline.READS_IN_FLIGHT;
    assertThat(window).isEqualTo(3);
    for (int n = 0; n < 6; n++) {
      assertThat(loader.calls.indexOf("read " + n)).isLessThan(loader.calls.indexOf("write " + n));
      if (n + window < 6) {
        assertThat(loader.calls.indexOf("write " + n))
            .isLessThan(loader.calls.indexOf("read " + (n + window)));
      }
    }
  }

  @Test
  void theNextBatchIsReadWhileTheLastOneIsWritten() {
    Meeting secondRead = new Meeting();
    Recorder loader =
        new Recorder() {
          @Override
          public Integer read(List<LandingFile> files) {
            if (files.size() == 1) {
              secondRead.arrive();
            }
            return super.read(files);
          }

          @Override
          public List<Row> write(Integer batch) {
            if (batch == 0) {
              secondRead.awaitArrival();
            }
            return super.write(batch);
          }
        };

    BatchPipeline.run(loader, batches(2));

    assertThat(secondRead.met).containsExactly(true);
  }

  @Test
  void twoBatchesAreReadAtOnce() {
    Meeting secondRead = new Meeting();
    Recorder loader =
        new Recorder() {
          @Override
          public Integer read(List<LandingFile> files) {
            if (files.size() == 1) {
              secondRead.arrive();
            } else if (files.isEmpty()) {
              secondRead.awaitArrival();
            }
            return super.read(files);
          }
        };

    List<Row> log = BatchPipeline.run(loader, batches(3));

    assertThat(secondRead.met).containsExactly(true);
    assertThat(log).extracting(row -> row.getInt(0)).containsExactly(0, 1, 2);
  }

  @Test
  void aFailedWriteStopsTheRunAndFreesTheBatchReadMeanwhile() {
    // The write of batch 1 fails once batch 2 has been read (without the wait, it could fail
    // before the reading thread got to batch 2, and batch 2 would never be read).
    Meeting thirdRead = new Meeting();
    Recorder loader =
        new Recorder() {
          @Override
          public Integer read(List<LandingFile> files) {
            Integer batch = super.read(files);
            if (batch == 2) {
              thirdRead.arrive();
            }
            return batch;
          }

          @Override
          public List<Row> write(Integer batch) {
            if (batch == 1) {
              thirdRead.awaitArrival();
              throw new IllegalStateException("disk full");
            }
            return super.write(batch);
          }
        };

    assertThatThrownBy(() -> BatchPipeline.run(loader, batches(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("disk full");
    // Batch 2 was read while batch 1 was written, and is freed; batch 3 was read only if room
    // was made for it (batch 0 written) before batch 1 failed, and is then freed too; batch 4,
    // which needs room from batch 1, is never read.
    assertThat(thirdRead.met).containsExactly(true);
    List<String> calls = List.copyOf(loader.calls);
    assertThat(calls).contains("read 0", "read 1", "read 2", "write 0", "discard 2");
    assertThat(calls).doesNotContain("write 1", "write 2", "write 3", "read 4");
    if (calls.contains("read 3")) {
      assertThat(calls).hasSize(7).endsWith("discard 3");
      assertThat(calls.indexOf("discard 2")).isLessThan(calls.indexOf("discard 3"));
    } else {
      assertThat(calls).hasSize(5).endsWith("discard 2");
    }
  }

  @Test
  void differentTablesAreWrittenSideBySideAndEachTableInBatchOrder() {
    Meeting otherTable = new Meeting();
    Recorder loader =
        new Recorder() {
          @Override
          public String table(List<LandingFile> files) {
            return files.size() % 2 == 0 ? "participation" : "benefits"; // 0, 2 | 1, 3
          }

          @Override
          public List<Row> write(Integer batch) {
            if (batch == 1) {
              otherTable.arrive();
            } else if (batch == 0) {
              otherTable.awaitArrival(); // one write at a time, it would record false
            }
            return super.write(batch);
          }
        };

    List<Row> log = BatchPipeline.run(loader, batches(4));

    assertThat(otherTable.met).containsExactly(true);
    assertThat(log).extracting(row -> row.getInt(0)).containsExactly(0, 1, 2, 3);
    List<String> calls = List.copyOf(loader.calls);
    assertThat(calls.indexOf("write 0")).isLessThan(calls.indexOf("write 2"));
    assertThat(calls.indexOf("write 1")).isLessThan(calls.indexOf("write 3"));
  }

  @Test
  void aFailedReadWaitsForTheWriteInFlight() {
    CountDownLatch writing = new CountDownLatch(1);
    Recorder loader =
        new Recorder() {
          @Override
          public Integer read(List<LandingFile> files) {
            if (files.size() == 1) {
              assertThat(opensInTime(writing)).isTrue(); // the write of batch 0 has begun
              calls.add("read 1 fails");
              throw new IllegalArgumentException("cannot list the landing zone");
            }
            return super.read(files);
          }

          @Override
          public List<Row> write(Integer batch) {
            writing.countDown();
            List<Row> rows = super.write(batch);
            calls.add("write " + batch + " ended");
            return rows;
          }
        };

    assertThatThrownBy(() -> BatchPipeline.run(loader, batches(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot list the landing zone");
    // The run returned only after the write in flight had ended.
    assertThat(loader.calls).contains("write 0 ended", "read 1 fails");
  }
}
