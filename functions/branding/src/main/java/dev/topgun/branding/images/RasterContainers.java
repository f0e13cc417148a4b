package dev.topgun.branding.images;

import static dev.topgun.branding.images.InvalidImageException.CORRUPT;
import static dev.topgun.branding.images.InvalidImageException.DIMENSIONS;
import static dev.topgun.branding.images.InvalidImageException.POLYGLOT;
import static dev.topgun.branding.images.InvalidImageException.TOO_LARGE;
import static dev.topgun.branding.images.InvalidImageException.TRUNCATED;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Walks the container of a raster file (PNG chunks, JPEG segments, RIFF chunks) before a decoder
 * sees it. Decoders are lenient: they stop at the end of the pixels and never look at what follows,
 * and they skip damaged ancillary chunks. A file that is also a web page (a polyglot) hides there,
 * so the walk insists that the file ends exactly where its format says it does.
 */
final class RasterContainers {

  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /**
   * What a PNG's compressed text and colour-profile chunks may expand to, all together: metadata is
   * the classic place for a decompression bomb, since decoders inflate it before any pixel.
   */
  static final int MAX_PNG_METADATA = 1 << 20;

  /** More scans than any encoder writes (a progressive JPEG has about ten); each costs a pass. */
  static final int MAX_JPEG_SCANS = 64;

  /** Tags whose name, after {@code <}, is followed by a space, {@code >} or {@code /}. */
  private static final String[] MARKUP_TAGS = {
    "html", "head", "body", "script", "iframe", "svg", "object", "embed", "meta", "style", "form"
  };

  private static final String[] MARKUP_PLAIN = {"<?php", "<!doctype"};

  private RasterContainers() {}

  /**
   * Checks a PNG's chunk structure: each chunk complete and its CRC right, IHDR first, IEND last
   * and nothing after it; compressed metadata within {@link #MAX_PNG_METADATA}.
   */
  static void png(byte[] b) {
    int at = PNG_SIGNATURE.length;
    long metadata = 0;
    boolean first = true;
    while (true) {
      if (b.length - at < 12) {
        throw new InvalidImageException(
            TRUNCATED, "The PNG ends before its IEND chunk: the file is cut short.");
      }
      long length = u32be(b, at);
      String type = chunkType(b, at + 4);
      if (type == null || length > Integer.MAX_VALUE) {
        throw new InvalidImageException(
            CORRUPT, "The PNG has a malformed chunk at byte " + at + ": the file is damaged.");
      }
      if (length > b.length - at - 12L) {
        throw new InvalidImageException(
            TRUNCATED, "The PNG's " + type + " chunk runs past the end of the file.");
      }
      int data = at + 8;
      int end = data + (int) length;
      CRC32 crc = new CRC32();
      crc.update(b, at + 4, 4 + (int) length);
      if (crc.getValue() != u32be(b, end)) {
        throw new InvalidImageException(
            CORRUPT, "The PNG's " + type + " chunk fails its CRC check: the file is damaged.");
      }
      if (first != type.equals("IHDR")) {
        throw new InvalidImageException(
            CORRUPT, "A PNG has one IHDR chunk, and it comes first: the file is damaged.");
      }
      if (first) {
        pngHeader(b, data, (int) length);
        first = false;
      }
      metadata += compressedPngMetadata(type, b, data, (int) length, MAX_PNG_METADATA - metadata);
      at = end + 4;
      if (type.equals("IEND")) {
        if (at < b.length) {
          throw trailing("PNG", "IEND", b.length - at);
        }
        return;
      }
    }
  }

  private static void pngHeader(byte[] b, int data, int length) {
    if (length != 13) {
      throw new InvalidImageException(CORRUPT, "The PNG's IHDR chunk is malformed.");
    }
    if (u32be(b, data) == 0 || u32be(b, data + 4) == 0) {
      throw new InvalidImageException(DIMENSIONS, "The PNG's header gives it no pixels.");
    }
  }

  /** Inflates a zTXt, compressed iTXt or iCCP chunk within {@code budget}; its expanded size. */
  private static long compressedPngMetadata(
      String type, byte[] b, int data, int length, long budget) {
    int end = data + length;
    int stream;
    switch (type) {
      case "zTXt", "iCCP" -> {
        int nul = indexOf(b, (byte) 0, data, end);
        stream = nul < 0 ? -1 : nul + 2; // keyword, NUL, compression method
      }
      case "iTXt" -> {
        int nul = indexOf(b, (byte) 0, data, end);
        if (nul >= 0 && nul + 1 < end && b[nul + 1] == 0) {
          return 0; // uncompressed text
        }
        int language = nul < 0 ? -1 : indexOf(b, (byte) 0, nul + 3, end);
        int translated = language < 0 ? -1 : indexOf(b, (byte) 0, language + 1, end);
        stream = translated < 0 ? -1 : translated + 1;
      }
      default -> {
        return 0;
      }
    }
    if (stream < 0 || stream > end) {
      throw new InvalidImageException(CORRUPT, "The PNG's " + type + " chunk is malformed.");
    }
    return inflatedSize(type, b, stream, end - stream, budget);
  }

  private static long inflatedSize(String type, byte[] b, int offset, int length, long budget) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(b, offset, length);
      byte[] sink = new byte[16 * 1024];
      long total = 0;
      while (!inflater.finished()) {
        int n = inflater.inflate(sink);
        total += n;
        if (total > budget) {
          throw new InvalidImageException(
              TOO_LARGE,
              "The PNG's compressed metadata ("
                  + type
                  + ") expands to more than "
                  + MAX_PNG_METADATA
                  + " bytes; save the image without metadata.");
        }
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new InvalidImageException(
              CORRUPT, "The PNG's " + type + " chunk holds broken compressed data.");
        }
      }
      return total;
    } catch (DataFormatException e) {
      throw new InvalidImageException(
          CORRUPT, "The PNG's " + type + " chunk holds broken compressed data.", e);
    } finally {
      inflater.end();
    }
  }

  /**
   * Checks a JPEG's segments from SOI to EOI, through the entropy-coded data of each scan, and that
   * nothing follows EOI.
   */
  static void jpeg(byte[] b) {
    int at = 2; // after SOI
    int scans = 0;
    while (true) {
      if (at >= b.length) {
        throw new InvalidImageException(
            TRUNCATED, "The JPEG ends before its end marker (EOI): the file is cut short.");
      }
      if ((b[at] & 0xff) != 0xff) {
        throw new InvalidImageException(
            CORRUPT, "The JPEG has no segment marker at byte " + at + ": the file is damaged.");
      }
      while (at < b.length && (b[at] & 0xff) == 0xff) {
        at++; // a marker may be preceded by fill bytes
      }
      if (at >= b.length) {
        throw new InvalidImageException(
            TRUNCATED, "The JPEG ends before its end marker (EOI): the file is cut short.");
      }
      int marker = b[at++] & 0xff;
      if (marker == 0xd9) {
        if (at < b.length) {
          throw trailing("JPEG", "EOI", b.length - at);
        }
        return;
      }
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        continue; // TEM and RSTn stand alone
      }
      if (marker == 0x00 || marker == 0xd8) {
        throw new InvalidImageException(
            CORRUPT, "The JPEG has a misplaced marker at byte " + (at - 1) + ".");
      }
      if (b.length - at < 2) {
        throw new InvalidImageException(TRUNCATED, "The JPEG ends inside a segment header.");
      }
      int length = u16be(b, at);
      if (length < 2) {
        throw new InvalidImageException(
            CORRUPT, "The JPEG has a malformed segment at byte " + at + ".");
      }
      if (length > b.length - at) {
        throw new InvalidImageException(
            TRUNCATED, "A JPEG segment runs past the end of the file: the file is cut short.");
      }
      at += length;
      if (marker == 0xda) {
        if (++scans > MAX_JPEG_SCANS) {
          throw new InvalidImageException(
              CORRUPT, "The JPEG has more than " + MAX_JPEG_SCANS + " scans; save it again.");
        }
        at = endOfEntropyCodedData(b, at);
      }
    }
  }

  private static int endOfEntropyCodedData(byte[] b, int at) {
    while (true) {
      if (b.length - at < 2) {
        throw new InvalidImageException(
            TRUNCATED, "The JPEG ends inside its image data: the file is cut short.");
      }
      if ((b[at] & 0xff) != 0xff) {
        at++;
        continue;
      }
      int next = b[at + 1] & 0xff;
      if (next == 0x00 || (next >= 0xd0 && next <= 0xd7)) {
        at += 2; // a stuffed 0xFF, or a restart marker inside the scan
      } else if (next == 0xff) {
        at++;
      } else {
        return at;
      }
    }
  }

  /**
   * Checks a WebP's RIFF container: the declared size is the file's size, and its chunks tile it
   * exactly.
   */
  static void webp(byte[] b) {
    long declared = u32le(b, 4);
    if (declared < 4 || (declared & 1) != 0) {
      throw new InvalidImageException(CORRUPT, "The WebP's RIFF header is malformed.");
    }
    long end = declared + 8;
    if (end > b.length) {
      throw new InvalidImageException(
          TRUNCATED, "The WebP is shorter than its RIFF header says: the file is cut short.");
    }
    if (end < b.length) {
      throw trailing("WebP", "RIFF size", b.length - end);
    }
    int at = 12;
    boolean first = true;
    while (at < end) {
      if (end - at < 8) {
        throw new InvalidImageException(TRUNCATED, "The WebP ends inside a chunk header.");
      }
      String type = fourCc(b, at);
      long size = u32le(b, at + 4);
      if (type == null) {
        throw new InvalidImageException(
            CORRUPT, "The WebP has a malformed chunk at byte " + at + ": the file is damaged.");
      }
      if (first && !type.equals("VP8 ") && !type.equals("VP8L") && !type.equals("VP8X")) {
        throw new InvalidImageException(
            CORRUPT, "A WebP starts with a VP8, VP8L or VP8X chunk, not " + type.strip() + ".");
      }
      first = false;
      long next = at + 8L + size + (size & 1);
      if (next > end) {
        throw new InvalidImageException(
            TRUNCATED, "The WebP's " + type.strip() + " chunk runs past the end of the file.");
      }
      at = (int) next;
    }
    if (first) {
      throw new InvalidImageException(CORRUPT, "The WebP holds no image.");
    }
  }

  /**
   * Refuses a raster file holding the start of an HTML document or a script anywhere, as a page
   * sniffing its content would see it. Tag names must be followed by what ends a tag name, so that
   * compressed pixel data matches by chance about once in twenty thousand 1 MiB files.
   */
  static void noMarkup(byte[] b, ImageFormat format) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] != '<') {
        continue;
      }
      for (String tag : MARKUP_TAGS) {
        int after = i + 1 + tag.length();
        if (after < b.length && matchesIgnoringCase(b, i + 1, tag) && endsTagName(b[after])) {
          throw markup(format, "<" + tag);
        }
      }
      for (String plain : MARKUP_PLAIN) {
        if (matchesIgnoringCase(b, i, plain)) {
          throw markup(format, plain);
        }
      }
    }
  }

  private static InvalidImageException markup(ImageFormat format, String found) {
    return new InvalidImageException(
        POLYGLOT,
        "The "
            + format
            + " holds HTML or script markup ("
            + found
            + "), which a browser could run as a page; export the image again from an image"
            + " editor.");
  }

  private static InvalidImageException trailing(String format, String end, long extra) {
    return new InvalidImageException(
        POLYGLOT,
        "The "
            + format
            + " has "
            + extra
            + " bytes after its end ("
            + end
            + "), where other content can hide; export the image again from an image editor.");
  }

  private static boolean endsTagName(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '>' || c == '/';
  }

  private static boolean matchesIgnoringCase(byte[] b, int at, String ascii) {
    if (b.length - at < ascii.length()) {
      return false;
    }
    for (int k = 0; k < ascii.length(); k++) {
      int c = b[at + k];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static String chunkType(byte[] b, int at) {
    for (int k = 0; k < 4; k++) {
      byte c = b[at + k];
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return null;
      }
    }
    return new String(b, at, 4, StandardCharsets.US_ASCII);
  }

  private static String fourCc(byte[] b, int at) {
    for (int k = 0; k < 4; k++) {
      byte c = b[at + k];
      if (c < 0x20 || c > 0x7e) {
        return null;
      }
    }
    return new String(b, at, 4, StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] b, byte value, int from, int to) {
    for (int i = Math.max(from, 0); i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static long u32be(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24)
        | ((b[at + 1] & 0xffL) << 16)
        | ((b[at + 2] & 0xffL) << 8)
        | (b[at + 3] & 0xffL);
  }

  private static int u16be(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static long u32le(byte[] b, int at) {
    return (b[at] & 0xffL)
        | ((b[at + 1] & 0xffL) << 8)
        | ((b[at + 2] & 0xffL) << 16)
        | ((b[at + 3] & 0xffL) << 24);
  }
}
