package dev.topgun.organizations.consumers;

import dev.topgun.organizations.domain.OwnerNotices;
import dev.topgun.shared.events.ReceivedEvent;

/**
 * Not one owner could be mailed: the delivery fails so that EventBridge/Lambda retries it. When
 * some could, it is acknowledged, so that a retry does not mail the others twice.
 */
final class NoticeNotMailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private NoticeNotMailedException(String detailType, String eventId, int owners) {
    super(
        detailType
            + " "
            + eventId
            + " was mailed to none of the organization's "
            + owners
            + " owner(s); retried");
  }

  static void unlessMailed(ReceivedEvent event, OwnerNotices.Mailing mailing) {
    if (mailing.failedEntirely()) {
      throw new NoticeNotMailedException(event.detailType(), event.eventId(), mailing.owners());
    }
  }
}
