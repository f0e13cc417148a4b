package dev.topgun.branding.images;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The Windows icon container: an ICONDIR header, one ICONDIRENTRY per image, then the images. Each
 * image is stored as a PNG, which every browser and Windows since Vista reads.
 */
final class Ico {

  static final int HEADER_BYTES = 6;
  static final int ENTRY_BYTES = 16;

  /** One image of the icon: its edge in pixels (1 to 256) and its PNG. */
  record Image(int size, byte[] png) {
    Image {
      if (size < 1 || size > 256) {
        throw new IllegalArgumentException("an icon image has 1 to 256 pixels a side");
      }
    }
  }

  private Ico() {}

  static byte[] of(List<Image> images) {
    ByteBuffer directory =
        ByteBuffer.allocate(HEADER_BYTES + ENTRY_BYTES * images.size())
            .order(ByteOrder.LITTLE_ENDIAN);
    directory.putShort((short) 0); // reserved
    directory.putShort((short) 1); // type: icon (2 would be a cursor)
    directory.putShort((short) images.size());
    int offset = directory.capacity();
    for (Image image : images) {
      byte edge = (byte) (image.size() == 256 ? 0 : image.size()); // 0 stands for 256
      directory.put(edge); // width
      directory.put(edge); // height
      directory.put((byte) 0); // palette colours: none
      directory.put((byte) 0); // reserved
      directory.putShort((short) 1); // colour planes
      directory.putShort((short) 32); // bits per pixel
      directory.putInt(image.png().length);
      directory.putInt(offset);
      offset += image.png().length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(offset);
    out.writeBytes(directory.array());
    images.forEach(image -> out.writeBytes(image.png()));
    return out.toByteArray();
  }
}
