/**
 * A file the device made (a form, an export) handed to the browser as a download. The name
 * loses the characters no file system takes; the object URL is let go once the browser has
 * had time to start reading it (revoked at once, some browsers lose the download).
 */
export function downloadFile(fileName: string, data: Blob): void {
  const url = URL.createObjectURL(data)
  const a = document.createElement('a')
  a.href = url
  a.download = safeFileName(fileName)
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

/** A file name without \ / : * ? " < > | or control characters, never empty. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim()
  return clean === '' ? 'download' : clean
}
