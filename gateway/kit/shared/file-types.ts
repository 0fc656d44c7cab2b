// The one copy of the file types the system takes (their content type and file-name endings), for the upload checks
// on the servers and the upload buttons and template editor on the screens (`@wgzj/gateway/kit/shared/file-types`).

/** What may be uploaded anywhere in the system; the servers recognise each by the first bytes of the file. */
export const FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['.pdf'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  png: { contentType: 'image/png', extensions: ['.png'] },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'] },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'] },
} as const;
export type FileType = keyof typeof FILE_TYPES;

export const FILE_TYPE_NAMES = Object.keys(FILE_TYPES) as FileType[];
