/** Where the server serves avatars, guild icons and banners (public, by the hash in the user or guild object). */

export const avatarUrl = (userId: string, hash: string, size: 128 | 512 = 128) =>
  `/media/avatars/${userId}/${hash}?size=${size}`;

export const guildIconUrl = (guildId: string, hash: string, size: 128 | 512 = 128) =>
  `/media/icons/${guildId}/${hash}?size=${size}`;

export const bannerUrl = (guildId: string, hash: string, size: 480 | 960 = 960) =>
  `/media/banners/${guildId}/${hash}?size=${size}`;
