package dev.topgun.shared.store;

/** A create found an item with the same primary key. */
public final class ItemAlreadyExistsException extends StoreException {

  private final ItemKey key;

  public ItemAlreadyExistsException(ItemKey key) {
    super("An item already exists at " + key.pk() + " / " + key.sk());
    this.key = key;
  }

  public ItemKey key() {
    return key;
  }
}
