package vn.bhxh.pipeline.jobs.ingest;

import java.io.Serializable;
import vn.bhxh.pipeline.common.landing.LandingFile;

/**
 * A byte range of one landing file, read by one task: the whole file when it is small, gzipped
 * (gzip cannot be entered mid-stream) or unusable by its name; else one of {@code parts} ranges cut
 * at about even offsets and moved to line boundaries by the reader ({@link
 * vn.bhxh.pipeline.common.quality.ChunkInputStream}).
 *
 * @param file the file's index in its batch
 * @param landing the file
 * @param part this range's index in the file, from 0
 * @param parts how many ranges the file was cut into
 * @param start the cut the range begins at (0 for the first)
 * @param end the cut it ends at (the file's size for the last)
 */
record IngestSplit(int file, LandingFile landing, int part, int parts, long start, long end)
    implements Serializable {

  /** Whether this range is the whole file. */
  boolean whole() {
    return parts == 1;
  }

  long length() {
    return end - start;
  }
}
