package dev.topgun.branding.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Images the tests make themselves: with ImageIO, or byte by byte where a case needs it. */
final class TestImages {

  private TestImages() {}

  static BufferedImage solid(int width, int height, Color color) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  /** Black and white pixels in turn: detail no square smaller than the image can show. */
  static BufferedImage checkerboard(int edge) {
    BufferedImage image = new BufferedImage(edge, edge, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < edge; y++) {
      for (int x = 0; x < edge; x++) {
        image.setRGB(x, y, (x + y) % 2 == 0 ? 0x000000 : 0xffffff);
      }
    }
    return image;
  }

  static byte[] png(BufferedImage image) {
    return write(image, "png");
  }

  static byte[] png(int width, int height, Color color) {
    return png(solid(width, height, color));
  }

  static byte[] jpeg(int width, int height, Color color) {
    BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    g.drawImage(solid(width, height, color), 0, 0, null);
    g.dispose();
    return write(rgb, "jpeg");
  }

  private static byte[] write(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // ---- PNG byte by byte

  /** A PNG of the given chunks, after the signature; each chunk's CRC is computed. */
  static byte[] pngOf(byte[]... chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(RasterContainers.PNG_SIGNATURE);
    for (byte[] chunk : chunks) {
      out.writeBytes(chunk);
    }
    return out.toByteArray();
  }

  static byte[] chunk(String type, byte[] data) {
    ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
    chunk.putInt(data.length);
    chunk.put(type.getBytes(StandardCharsets.US_ASCII));
    chunk.put(data);
    CRC32 crc = new CRC32();
    crc.update(chunk.array(), 4, 4 + data.length);
    chunk.putInt((int) crc.getValue());
    return chunk.array();
  }

  /** IHDR for 8-bit RGBA, not interlaced. */
  static byte[] ihdr(int width, int height) {
    return chunk(
        "IHDR",
        ByteBuffer.allocate(13)
            .putInt(width)
            .putInt(height)
            .put(new byte[] {8, 6, 0, 0, 0})
            .array());
  }

  static byte[] iend() {
    return chunk("IEND", new byte[0]);
  }

  /** The chunks of a PNG written by ImageIO, each whole (length, type, data, CRC). */
  static List<byte[]> chunksOf(byte[] png) {
    List<byte[]> chunks = new ArrayList<>();
    int at = RasterContainers.PNG_SIGNATURE.length;
    while (at < png.length) {
      int length = ByteBuffer.wrap(png, at, 4).getInt();
      byte[] chunk = new byte[length + 12];
      System.arraycopy(png, at, chunk, 0, chunk.length);
      chunks.add(chunk);
      at += chunk.length;
    }
    return chunks;
  }

  /** The same PNG with one more chunk right after IHDR. */
  static byte[] withChunkAfterHeader(byte[] png, byte[] extra) {
    List<byte[]> chunks = chunksOf(png);
    chunks.add(1, extra);
    return pngOf(chunks.toArray(byte[][]::new));
  }

  static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- WebP byte by byte

  /**
   * A lossless WebP (VP8L) of one colour. Each of its five prefix codes is a "simple" code of one
   * symbol, which takes no bits to read: the pixels themselves take no bytes at all.
   */
  static byte[] webpLossless(int width, int height, int argb) {
    Bits bits = new Bits();
    bits.write(width - 1, 14);
    bits.write(height - 1, 14);
    bits.write((argb >>> 24) == 0xff ? 0 : 1, 1); // alpha is used
    bits.write(0, 3); // version
    bits.write(0, 1); // no transform
    bits.write(0, 1); // no colour cache
    bits.write(0, 1); // no meta prefix codes
    int[] symbols = {(argb >> 8) & 0xff, (argb >> 16) & 0xff, argb & 0xff, argb >>> 24, 0};
    for (int symbol : symbols) { // green, red, blue, alpha, distance
      bits.write(1, 1); // a simple code
      bits.write(0, 1); // of one symbol
      if (symbol < 2) {
        bits.write(0, 1);
        bits.write(symbol, 1);
      } else {
        bits.write(1, 1);
        bits.write(symbol, 8);
      }
    }
    byte[] vp8l = concat(new byte[] {0x2f}, bits.bytes());
    byte[] pad = new byte[vp8l.length % 2];
    ByteBuffer riff =
        ByteBuffer.allocate(20 + vp8l.length + pad.length).order(ByteOrder.LITTLE_ENDIAN);
    riff.put(ascii("RIFF")).putInt(12 + vp8l.length + pad.length).put(ascii("WEBP"));
    riff.put(ascii("VP8L")).putInt(vp8l.length).put(vp8l).put(pad);
    return riff.array();
  }

  /** Bits written least significant first, as VP8L reads them. */
  private static final class Bits {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int used;

    void write(int value, int count) {
      for (int i = 0; i < count; i++) {
        current |= ((value >>> i) & 1) << used;
        if (++used == 8) {
          out.write(current);
          current = 0;
          used = 0;
        }
      }
    }

    byte[] bytes() {
      if (used > 0) {
        out.write(current);
        current = 0;
        used = 0;
      }
      return out.toByteArray();
    }
  }

  // ---- reading what the code under test wrote

  /** The width and height in a PNG's IHDR, after checking the signature. */
  static int[] pngSize(byte[] png) {
    for (int i = 0; i < 8; i++) {
      if (png[i] != RasterContainers.PNG_SIGNATURE[i]) {
        throw new AssertionError("not a PNG");
      }
    }
    if (!new String(png, 12, 4, StandardCharsets.US_ASCII).equals("IHDR")) {
      throw new AssertionError("a PNG whose first chunk is not IHDR");
    }
    ByteBuffer b = ByteBuffer.wrap(png);
    return new int[] {b.getInt(16), b.getInt(20)};
  }

  static BufferedImage decode(byte[] png) {
    try {
      return ImageIO.read(new java.io.ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
