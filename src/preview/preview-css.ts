/** Discord's dark theme, closely enough to judge an alert's look: colours and sizes of the desktop client. */
export const PREVIEW_CSS = `
:root { color-scheme: dark; }
* { box-sizing: border-box; }
body { margin: 0; background: #313338; color: #dbdee1; font: 16px/1.375 "gg sans", "Noto Sans", "Helvetica Neue", Helvetica, Arial, sans-serif, "Noto Color Emoji"; }
.chat { width: 720px; padding: 16px 0 20px; }
.message { position: relative; padding: 2px 48px 2px 72px; min-height: 44px; }
.avatar { position: absolute; left: 16px; top: 4px; width: 40px; height: 40px; }
.reply-line { position: relative; font-size: 14px; color: #b5bac1; margin: 0 0 4px; display: flex; align-items: center; gap: 4px; }
.reply-line::before { content: ""; position: absolute; left: -36px; top: 9px; width: 29px; height: 12px; border-left: 2px solid #4e5058; border-top: 2px solid #4e5058; border-top-left-radius: 6px; }
.message:has(.reply-line) .avatar { top: 26px; }
.reply-avatar { width: 16px; height: 16px; border-radius: 50%; background: #5865f2; display: inline-block; }
.reply-user { color: #f2f3f5; font-weight: 500; }
.reply-command { color: #00a8fc; }
.header { display: flex; align-items: baseline; gap: 4px; }
.username { color: #f2f3f5; font-weight: 500; }
.app-tag { background: #5865f2; color: #fff; font-size: 10px; font-weight: 600; line-height: 15px; padding: 0 4px; border-radius: 3px; position: relative; top: -1px; }
.sent-at { color: #949ba4; font-size: 12px; margin-left: 4px; }
.content { white-space: normal; word-wrap: break-word; }
.embed { max-width: 520px; margin-top: 4px; background: #2b2d31; border-left: 4px solid #1e1f22; border-radius: 4px; padding: 8px 16px 16px 12px; display: grid; gap: 8px 0; }
.embed > * { min-width: 0; }
.embed-author { color: #f2f3f5; font-size: 14px; font-weight: 600; margin-top: 8px; }
.embed-title { color: #f2f3f5; font-size: 16px; font-weight: 600; margin-top: 8px; }
.embed-author + .embed-title { margin-top: 0; }
.link, a.embed-title { color: #00a8fc; text-decoration: none; }
.embed-description { font-size: 14px; color: #dbdee1; }
.embed-fields { display: grid; gap: 8px; }
.embed-field-name { color: #f2f3f5; font-size: 14px; font-weight: 600; margin-bottom: 2px; }
.embed-field-value { font-size: 14px; }
.embed-footer { color: #b5bac1; font-size: 12px; font-weight: 500; }
strong { color: #f2f3f5; font-weight: 700; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 85%; background: #2b2d31; border: 1px solid #1e1f22; border-radius: 4px; padding: 0 3px; }
.timestamp { background: rgba(78, 80, 88, 0.48); border-radius: 3px; padding: 0 2px; }
.mention { color: #c9cdfb; background: rgba(88, 101, 242, 0.3); border-radius: 3px; padding: 0 2px; font-weight: 500; }
.link { color: #00a8fc; text-decoration: none; }
.ephemeral { font-size: 12px; color: #949ba4; margin-top: 4px; }
`;
