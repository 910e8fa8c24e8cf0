package vn.bhxh.pipeline.common.quality;

import java.io.IOException;
import java.io.InputStream;

/**
 * One part of a large landing file, cut at line boundaries so that parts can be parsed by different
 * tasks and together hold every byte of the file exactly once (the convention of Hadoop's line
 * reader).
 *
 * <p>A file is cut at byte offsets {@code 0 = e₀ < e₁ < … < eₙ = size}. Part {@code i} begins at
 * {@code pᵢ}: 0 for the first part, else just after the first line feed at or after offset {@code
 * eᵢ - 1} (found by {@link #lineStartAtOrAfter}); it ends just after the first line feed at or
 * after offset {@code eᵢ₊₁ - 1}, which is where part {@code i + 1} begins, or at the end of the
 * file. A line feed byte (0x0A) never occurs inside a UTF-8 multi-byte character, so every cut
 * falls between characters.
 *
 * <p>A cut can still fall inside a quoted field that spans lines (RFC 4180 allows a line feed
 * between quotes). The stream counts the quote characters it passes on: a part that starts at a
 * record boundary ends at one exactly when that count is even, so a caller that sees an odd count
 * in any part but the last knows the cut was inside a field and reads that file whole instead. It
 * also counts line feeds, so that a part's line numbers can be turned into the file's.
 */
public final class ChunkInputStream extends InputStream {
  private static final int LINE_FEED = '\n';
  private static final int QUOTE = '"';

  private final InputStream in;
  private final long end;
  private long position;
  private boolean finished;
  private long lineFeeds;
  private long quotes;

  /**
   * @param in the file's bytes, positioned at offset {@code start} (the part's first byte)
   * @param start the offset of the part's first byte
   * @param end the cut after which the part ends at the next line feed ({@code eᵢ₊₁})
   */
  public ChunkInputStream(InputStream in, long start, long end) {
    this.in = in;
    this.position = start;
    this.end = end;
    // The line feed just before a later part's start may already be at or after end - 1: then the
    // part holds nothing (one long line covered its whole range and went to the part before).
    this.finished = start > 0 && start >= end;
  }

  /**
   * The offset where the part that follows cut {@code cut} begins: just after the first line feed
   * at or after offset {@code cut - 1}; {@code size} when there is none. Reads from {@code in},
   * which must be positioned at {@code cut - 1}; 0 for cut 0.
   */
  public static long lineStartAtOrAfter(InputStream in, long cut, long size) throws IOException {
    if (cut <= 0) {
      return 0;
    }
    long offset = cut - 1;
    byte[] buffer = new byte[8192];
    while (true) {
      int read = in.read(buffer);
      if (read < 0) {
        return size;
      }
      for (int i = 0; i < read; i++) {
        if (buffer[i] == LINE_FEED) {
          return offset + i + 1;
        }
      }
      offset += read;
    }
  }

  /** Line feeds passed on so far (the part's whole count once it has been read to its end). */
  public long lineFeeds() {
    return lineFeeds;
  }

  /** Quote characters passed on so far. */
  public long quotes() {
    return quotes;
  }

  /** The offset just after the last byte passed on: the part's end once it has been read. */
  public long position() {
    return position;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int read = read(one, 0, 1);
    return read < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (finished) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    int read = in.read(buffer, offset, length);
    if (read < 0) {
      finished = true;
      return -1;
    }
    // Bytes from offset end - 1 on may hold the line feed that ends the part.
    long lastCut = end - 1;
    int passed = read;
    for (int i = 0; i < read; i++) {
      byte b = buffer[offset + i];
      if (b == LINE_FEED) {
        lineFeeds++;
        if (position + i >= lastCut) {
          passed = i + 1;
          finished = true;
          break;
        }
      } else if (b == QUOTE) {
        quotes++;
      }
    }
    position += passed;
    return passed;
  }

  /** Does not close the file: its reader may still need the rest (for the whole file's digest). */
  @Override
  public void close() {
    finished = true;
  }
}
