package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link BusyTime}: the union of overlapping intervals, by hand. */
class BusyTimeTest {

  @Test
  void overlappingIntervalsCountOnceAndGapsNotAtAll() {
    BusyTime reads = new BusyTime();
    reads.add(10, 40); // 10..40
    reads.add(30, 50); // overlaps: 10..50
    reads.add(70, 80); // after a gap of 20
    reads.add(72, 75); // inside the one before
    assertThat(reads.nanos()).isEqualTo(40 + 10);
  }

  @Test
  void theOverlapOfTwoSetsIsTheTimeBothWereBusy() {
    BusyTime reads = new BusyTime();
    reads.add(0, 100);
    reads.add(150, 200);
    BusyTime writes = new BusyTime();
    writes.add(90, 160); // 10 beside the first read, 10 beside the second
    writes.add(210, 230); // alone
    assertThat(writes.nanos()).isEqualTo(70 + 20);
    assertThat(reads.overlapNanos(writes)).isEqualTo(20);
    assertThat(writes.overlapNanos(reads)).isEqualTo(20);
  }

  @Test
  void noIntervalIsNoTime() {
    BusyTime none = new BusyTime();
    none.add(5, 5);
    assertThat(none.nanos()).isZero();
    assertThat(none.overlapNanos(new BusyTime())).isZero();
  }
}
