/**
 * Swaps an owner's stored avatar, icon or banner and deletes the old one's blobs that nothing else shares; also used
 * to remove the images of erased accounts and deleted guilds.
 */
import type {
  ImageOwner,
  ProfileImageRepository,
  StoredImage,
} from "../../storage/repositories/profile-image.repository.js";
import type { BlobCollector } from "../attachments/blob-collector.js";

export class ProfileImageJanitor {
  constructor(
    private readonly images: ProfileImageRepository,
    private readonly collector: BlobCollector,
  ) {}

  /** Makes `image` the owner's current one (null: none). */
  async replace(owner: ImageOwner, image: StoredImage | null): Promise<void> {
    await this.collector.collect(await this.images.replace(owner, image));
  }

  async removeAll(owners: ImageOwner[]): Promise<void> {
    for (const owner of owners) await this.replace(owner, null);
  }
}
