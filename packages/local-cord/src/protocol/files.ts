// Cord's rules for files attached to messages, shared by the SDK (which checks a file
// before uploading it) and local Cord (which checks again, and checks the bytes). No zod:
// the SDK bundle imports this.

/** Cord's upload limit: a file must be smaller than 100 MiB (exactly 100 MiB is refused). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** How long a file's link works, as Cord's types promise. */
export const FILE_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** A file still `uploading` this long after it was created is `cancelled`, as in Cord. */
export const UPLOAD_TIMEOUT_MS = 60_000;

export type FileUploadStatus = 'uploading' | 'uploaded' | 'failed' | 'cancelled';

// Executables, scripts, installers, disk images and archives: Cord's list of names that
// may not be uploaded, compared with the end of the lower-cased name.
const BANNED_EXTENSIONS = (
  '7z ade adp apk app application appref-ms appx appxbundle asp aspx asx bas bat bgi cab cer chm cmd cnt com cpl ' +
  'crt csh der diagcab diagcfg dll dmg exe fxp gadget grp gz hlp hpj hta htc img inf ins ipa iso isp its jar jnlp ' +
  'js jse jsp ksh lib lnk mad maf mag mam maq mar mas mat mau mav maw mcf mda mdb mde mdt mdw mdz msc msh msh1 ' +
  'msh1xml msh2 msh2xml mshxml msi msix msixbundle msp mst msu nsh ops osd pcd pif pl plg prf prg printerexport ' +
  'ps1 ps1xml ps2 ps2xml psc1 psc2 psd1 psdm1 pst py pyc pyo pyw pyz pyzw reg scf scr sct shb shs sys tar theme ' +
  'tmp url vb vbe vbp vbs vhd vhdx vsmacros vsw vxd webpnp website ws wsc wsf wsh xbap xll xnk'
)
  .split(' ')
  .map((extension) => `.${extension}`);

/** Windows executables and installers, refused whatever their name says. */
const BANNED_MIME_TYPES = ['application/x-msdownload', 'application/x-ms-installer'];

/**
 * Raster images a message shows as a picture (Cord's list). Anything else, SVG included
 * (it can carry script), is offered as a download.
 */
export const PREVIEWABLE_IMAGE_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/apng',
  'image/webp',
  'image/bmp',
  'image/tiff',
  'image/gif',
];

export function isAllowedFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return !BANNED_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

export function isAllowedMimeType(mimeType: string): boolean {
  return !BANNED_MIME_TYPES.includes(mimeType.toLowerCase());
}

export function isAllowedFileSize(size: number): boolean {
  return Number.isSafeInteger(size) && size >= 0 && size < MAX_UPLOAD_BYTES;
}

export interface FileToUpload {
  name: string;
  mimeType: string;
  size: number;
}

/**
 * Why Cord would refuse to upload a file, as `file_name_not_allowed`, `file_too_large`
 * or `file_type_not_allowed` with Cord's server texts (checked in that order); undefined
 * when the file may be uploaded.
 */
export function uploadRefusal(file: FileToUpload): { code: string; message: string } | undefined {
  if (!isAllowedFileName(file.name)) {
    return { code: 'file_name_not_allowed', message: `Cannot upload file named ${file.name}` };
  }
  if (!isAllowedFileSize(file.size)) return { code: 'file_too_large', message: 'Maximum file size exceeded' };
  if (!isAllowedMimeType(file.mimeType)) {
    return { code: 'file_type_not_allowed', message: `Input ${file.mimeType} MIME type is not allowed` };
  }
  return undefined;
}
