package vn.bhxh.pipeline.jobs.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A CSV writer for the generator's hot loop: it encodes straight into a byte buffer (numbers and
 * codes without intermediate strings), separates fields with commas, ends rows with LF, and quotes
 * text per RFC 4180 only when needed. Not thread-safe: one writer per file.
 */
final class CsvWriter implements Closeable {
  private static final int BUFFER_SIZE = 1 << 17;
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private final byte[] digitScratch = new byte[20];
  private int position;
  private boolean firstField = true;
  private long rows;

  CsvWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes the header row (not counted as a data row). */
  void header(List<String> columns) throws IOException {
    for (String column : columns) {
      text(column);
    }
    endLine();
  }

  /** A text field, quoted when it holds a comma, quote or line break. */
  CsvWriter text(String value) throws IOException {
    separator();
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (quote) {
      appendBytes("\"" + value.replace("\"", "\"\"") + "\"");
    } else {
      appendBytes(value);
    }
    return this;
  }

  /** A field of plain ASCII known to need no quoting (codes, enumeration values). */
  CsvWriter code(String asciiValue) throws IOException {
    separator();
    ensure(asciiValue.length());
    for (int i = 0; i < asciiValue.length(); i++) {
      buffer[position++] = (byte) asciiValue.charAt(i);
    }
    return this;
  }

  /** A field of bytes prepared with {@link #ascii} (the hot loop's repeated codes). */
  CsvWriter code(byte[] asciiValue) throws IOException {
    separator();
    ensure(asciiValue.length);
    System.arraycopy(asciiValue, 0, buffer, position, asciiValue.length);
    position += asciiValue.length;
    return this;
  }

  /** The bytes of an ASCII code, checked to need no quoting. */
  static byte[] ascii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 126 || c < 32 || c == ',' || c == '"') {
        throw new IllegalArgumentException("not a plain ASCII code: " + value);
      }
    }
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  /** An empty field (null). */
  CsvWriter empty() throws IOException {
    separator();
    return this;
  }

  /** A decimal integer field. */
  CsvWriter number(long value) throws IOException {
    separator();
    appendNumber(value);
    return this;
  }

  /** A field of exactly {@code width} digits, zero-padded (identifiers such as 0540123456). */
  CsvWriter digits(long value, int width) throws IOException {
    separator();
    appendDigits(value, width);
    return this;
  }

  /** Continues the current field with {@code width} zero-padded digits. */
  CsvWriter appendDigits(long value, int width) throws IOException {
    if (value < 0 || width > 18 || (width < 18 && value >= POWERS_OF_TEN[width])) {
      throw new IllegalArgumentException(value + " does not fit " + width + " digits");
    }
    ensure(width);
    for (int i = position + width - 1; i >= position; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    position += width;
    return this;
  }

  /** Continues the current field with one ASCII character. */
  CsvWriter appendChar(char asciiCharacter) throws IOException {
    ensure(1);
    buffer[position++] = (byte) asciiCharacter;
    return this;
  }

  /** Ends a data row. */
  void endRow() throws IOException {
    endLine();
    rows++;
  }

  /** Data rows written so far. */
  long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      out.close();
    }
  }

  private void endLine() throws IOException {
    ensure(1);
    buffer[position++] = '\n';
    firstField = true;
  }

  private void separator() throws IOException {
    if (firstField) {
      firstField = false;
    } else {
      ensure(1);
      buffer[position++] = ',';
    }
  }

  private void appendNumber(long value) throws IOException {
    if (value == Long.MIN_VALUE) {
      appendBytes(Long.toString(value));
      return;
    }
    int length = 0;
    boolean negative = value < 0;
    long remaining = negative ? -value : value;
    do {
      digitScratch[length++] = (byte) ('0' + remaining % 10);
      remaining /= 10;
    } while (remaining != 0);
    ensure(length + 1);
    if (negative) {
      buffer[position++] = '-';
    }
    while (length > 0) {
      buffer[position++] = digitScratch[--length];
    }
  }

  private void appendBytes(String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > buffer.length) {
      flush();
      out.write(bytes);
      return;
    }
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, position, bytes.length);
    position += bytes.length;
  }

  private void ensure(int bytes) throws IOException {
    if (position + bytes > buffer.length) {
      flush();
    }
  }

  private void flush() throws IOException {
    out.write(buffer, 0, position);
    position = 0;
  }
}
