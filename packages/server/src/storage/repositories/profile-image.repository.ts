/**
 * SQL for avatars, guild icons and banners: the stored sizes of each owner's current image, the owner's hash column,
 * and the blob references, replaced together in one transaction.
 */
import type { Db } from "../database.js";
import { BlobRefRepository } from "./blob-ref.repository.js";

export type ImageKind = "avatar" | "icon" | "banner";

export interface ImageOwner {
  kind: ImageKind;
  /** The user (avatar) or guild (icon, banner). */
  id: string;
}

export interface StoredImage {
  hash: string;
  variants: { size: number; blobKey: string }[];
}

export const imageOwnerKey = (owner: ImageOwner) => `${owner.kind}:${owner.id}`;

export class ProfileImageRepository {
  constructor(private readonly db: Db) {}

  /** Makes `image` (or none) the owner's current image; returns the blob keys the old one referred to. */
  replace(owner: ImageOwner, image: StoredImage | null): Promise<string[]> {
    const ownerKey = imageOwnerKey(owner);
    return this.db.transaction().execute(async (trx) => {
      const refs = new BlobRefRepository(trx);
      const released = await refs.release([ownerKey]);
      await trx.deleteFrom("profile_images").where("owner_key", "=", ownerKey).execute();
      if (image) {
        await trx
          .insertInto("profile_images")
          .values(
            image.variants.map((v) => ({ owner_key: ownerKey, hash: image.hash, size: v.size, blob_key: v.blobKey })),
          )
          .execute();
        await refs.add(
          ownerKey,
          image.variants.map((v) => v.blobKey),
        );
      }
      const hash = image?.hash ?? null;
      if (owner.kind === "avatar") {
        await trx.updateTable("users").set({ avatar: hash }).where("id", "=", owner.id).execute();
      } else {
        await trx
          .updateTable("guilds")
          .set(owner.kind === "icon" ? { icon: hash } : { banner: hash })
          .where("id", "=", owner.id)
          .execute();
      }
      return released;
    });
  }

  /** The blob of one size of the owner's image, if `hash` is the owner's current one (not a replaced or erased one). */
  async find(owner: ImageOwner, hash: string, size: number): Promise<string | undefined> {
    if ((await this.currentHash(owner)) !== hash) return undefined;
    const row = await this.db
      .selectFrom("profile_images")
      .select("blob_key")
      .where("owner_key", "=", imageOwnerKey(owner))
      .where("hash", "=", hash)
      .where("size", "=", size)
      .executeTakeFirst();
    return row?.blob_key;
  }

  private async currentHash(owner: ImageOwner): Promise<string | null | undefined> {
    if (owner.kind === "avatar") {
      const user = await this.db.selectFrom("users").select("avatar").where("id", "=", owner.id).executeTakeFirst();
      return user?.avatar;
    }
    const guild = await this.db
      .selectFrom("guilds")
      .select(["icon", "banner"])
      .where("id", "=", owner.id)
      .executeTakeFirst();
    return owner.kind === "icon" ? guild?.icon : guild?.banner;
  }
}
