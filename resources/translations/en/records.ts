<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CertificateDatesBox</name>
    <message>
        <source>证书日期</source>
        <translation>Certificate dates</translation>
    </message>
    <message>
        <source>{number}（{category}）</source>
        <translation>{number} ({category})</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
</context>
<context>
    <name>ChangeReasonRow</name>
    <message>
        <source>企业申请补充 A 证人员信息</source>
        <translation>Enterprise asked to complete an A certificate holder&apos;s information</translation>
    </message>
    <message>
        <source>本人到窗口申请更正</source>
        <translation>Corrected at the holder&apos;s request at the counter</translation>
    </message>
    <message>
        <source>核对原始档案后更正</source>
        <translation>Corrected after checking the original file</translation>
    </message>
    <message>
        <source>电话核实后更正</source>
        <translation>Corrected after checking by phone</translation>
    </message>
    <message>
        <source>按省厅通知补充新版证书信息</source>
        <translation>New-format certificate information completed per the provincial notice</translation>
    </message>
    <message>
        <source>修改原因（必填）：</source>
        <translation>Reason (required):</translation>
    </message>
    <message>
        <source>选择或填写修改原因，将记入修改记录</source>
        <translation>Choose or type the reason; it is recorded in the history</translation>
    </message>
    <message>
        <source>请填写修改原因</source>
        <translation>Enter a reason</translation>
    </message>
</context>
<context>
    <name>CropView</name>
    <message>
        <source>照片裁剪框</source>
        <translation>Photo crop box</translation>
    </message>
    <message>
        <source>拖动框内移动，拖动四角缩放（比例固定 25:35）；方向键移动，+/− 或滚轮缩放</source>
        <translation>Drag inside the box to move it, drag a corner to resize it (fixed 25:35); arrow keys move, +/− or the mouse wheel resize</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>未填写</source>
        <translation>Not filled in</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>编辑人员信息 — {0}</source>
        <translation>Edit person — {0}</translation>
    </message>
    <message>
        <source>持有 A 证（主要负责人）：“职务”和“技术职称”为必填项，补充后方可生成新版证书。</source>
        <translation>Holds an A certificate (principal): &quot;Position&quot; and &quot;Technical title&quot; are required; the new-format certificate can be generated once they are filled in.</translation>
    </message>
    <message>
        <source>照片（1 寸，25 × 35 mm）</source>
        <translation>Photo (1-inch, 25 × 35 mm)</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>{name}&#x3000;{id}</source>
        <translation>{name}   {id}</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>正在处理照片…</source>
        <translation>Processing the photo…</translation>
    </message>
    <message>
        <source>有 {0} 处需要更正，更正后才能保存</source>
        <translation>Fields to correct before saving: {0}</translation>
    </message>
    <message>
        <source>尚未修改</source>
        <translation>No changes yet</translation>
    </message>
    <message>
        <source>请填写修改原因后保存</source>
        <translation>Enter a reason, then save</translation>
    </message>
    <message>
        <source>可以保存：{0}</source>
        <translation>Ready to save: {0}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>{0} 的日期</source>
        <translation>dates of {0}</translation>
    </message>
    <message>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>保存被拒绝，没有写入任何修改：
{0}</source>
        <translation>The save was refused; nothing was written:
{0}</translation>
    </message>
    <message>
        <source>记录已被修改</source>
        <translation>Record changed</translation>
    </message>
    <message>
        <source>{0}

在您编辑期间，这条记录已在别处被修改（另一个窗口、导入或同步）。将重新载入最新内容，请核对后重新修改。</source>
        <translation>{0}

While you were editing, this record was changed elsewhere (another window, an import or a sync). The latest version will be loaded again; check it and make your changes again.</translation>
    </message>
    <message>
        <source>无法重新载入</source>
        <translation>Cannot reload</translation>
    </message>
    <message>
        <source>放弃修改？</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <source>有尚未保存的修改。放弃这些修改并关闭吗？</source>
        <translation>There are unsaved changes. Discard them and close?</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>旧版</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>新版</source>
        <translation>After</translation>
    </message>
    <message>
        <source>时间：{0}</source>
        <translation>Time: {0}</translation>
    </message>
    <message>
        <source>操作员：{0}</source>
        <translation>Operator: {0}</translation>
    </message>
    <message>
        <source>对象：{0}</source>
        <translation>Record: {0}</translation>
    </message>
    <message>
        <source>项目：{0}</source>
        <translation>Field: {0}</translation>
    </message>
    <message>
        <source>旧版：{0}</source>
        <translation>Before: {0}</translation>
    </message>
    <message>
        <source>新版：{0}</source>
        <translation>After: {0}</translation>
    </message>
    <message>
        <source>原因：{0}</source>
        <translation>Reason: {0}</translation>
    </message>
    <message>
        <source>来源：{0}</source>
        <translation>Source: {0}</translation>
    </message>
</context>
<context>
    <name>HistorySection</name>
    <message>
        <source>暂无修改记录</source>
        <translation>No history yet</translation>
    </message>
    <message>
        <source>无法读取修改记录</source>
        <translation>Cannot read the history</translation>
    </message>
    <message>
        <source>修改记录（{0}）</source>
        <translation>History ({0})</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>本地</source>
        <translation>Local</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>旧版证书</source>
        <translation>Old-format certificate</translation>
    </message>
    <message>
        <source>新版证书</source>
        <translation>New-format certificate</translation>
    </message>
    <message>
        <source>撤销上一次修改</source>
        <translation>Undo of the last change</translation>
    </message>
    <message>
        <source>生成新版证书</source>
        <translation>New-format certificate generated</translation>
    </message>
    <message>
        <source>解决同步冲突</source>
        <translation>Sync conflict resolved</translation>
    </message>
    <message>
        <source>解决同步冲突：采用省级</source>
        <translation>Sync conflict resolved: provincial version kept</translation>
    </message>
    <message>
        <source>（无照片）</source>
        <translation>(no photo)</translation>
    </message>
    <message>
        <source>新照片</source>
        <translation>New photo</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>（整条记录）</source>
        <translation>(whole record)</translation>
    </message>
    <message>
        <source>{0}（证书）</source>
        <translation>{0} (certificate)</translation>
    </message>
    <message>
        <source>放弃被拒绝的修改：{0}</source>
        <translation>Refused change dropped: {0}</translation>
    </message>
    <message>
        <source>更换了照片</source>
        <translation>photo replaced</translation>
    </message>
    <message>
        <source>添加了照片</source>
        <translation>photo added</translation>
    </message>
    <message>
        <source>删除了照片</source>
        <translation>photo removed</translation>
    </message>
    <message>
        <source>旧版：{old}；新版：{new}</source>
        <translation>before: {old}; after: {new}</translation>
    </message>
    <message>
        <source>{field}：{change}</source>
        <translation>{field}: {change}</translation>
    </message>
</context>
<context>
    <name>PersonFields</name>
    <message>
        <source>个人信息</source>
        <translation>Personal information</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>18 位身份证号</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <source>11 位手机号码</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>18 位统一社会信用代码</source>
        <translation>18-character USCC</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>A 证持有人必填</source>
        <translation>Required for A certificate holders</translation>
    </message>
</context>
<context>
    <name>PhotoSource</name>
    <message>
        <source>无法读取文件“{name}”（{error}）</source>
        <translation>Cannot read the file &quot;{name}&quot; ({error})</translation>
    </message>
    <message>
        <source>照片文件过大（{size} MB，最大 {limit} MB）</source>
        <translation>The photo file is too large ({size} MB, at most {limit} MB)</translation>
    </message>
    <message>
        <source>该图片格式（{0}）无法预览，请先转换为 JPEG 或 PNG</source>
        <translation>This image format ({0}) cannot be previewed; convert it to JPEG or PNG first</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
</context>
<context>
    <name>PhotoWidget</name>
    <message>
        <source>拖动裁剪框选取头像（25:35）</source>
        <translation>Drag the crop box over the face (25:35)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>粘贴剪贴板中的图片或图片文件（Ctrl+V）</source>
        <translation>Paste an image or image file from the clipboard (Ctrl+V)</translation>
    </message>
    <message>
        <source>删除照片</source>
        <translation>Remove photo</translation>
    </message>
    <message>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>放弃对照片的修改</source>
        <translation>Discard the changes to the photo</translation>
    </message>
    <message>
        <source>粘贴照片</source>
        <translation>Paste photo</translation>
    </message>
    <message>
        <source>也可将照片文件拖放到此处</source>
        <translation>You can also drop a photo file here</translation>
    </message>
    <message>
        <source>图片文件 ({0});;所有文件 (*)</source>
        <translation>Image files ({0});;All files (*)</translation>
    </message>
    <message>
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <source>文件“{0}”</source>
        <translation>file &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>剪贴板</source>
        <translation>the clipboard</translation>
    </message>
    <message>
        <source>剪贴板图片</source>
        <translation>clipboard image</translation>
    </message>
    <message>
        <source>剪贴板中没有图片。请先复制一张照片（或照片文件），再粘贴</source>
        <translation>The clipboard holds no image. Copy a photo (or a photo file) first, then paste</translation>
    </message>
    <message>
        <source>拖放的图片</source>
        <translation>dropped image</translation>
    </message>
    <message>
        <source>正在读取{0}…</source>
        <translation>Reading {0}…</translation>
    </message>
    <message>
        <source>{0}：{1} × {2} 像素。拖动裁剪框选取头像（25:35）</source>
        <translation>{0}: {1} × {2} pixels. Drag the crop box over the face (25:35)</translation>
    </message>
    <message>
        <source>新照片：{kb:.1f} KB，{w} × {h} 像素，{dpi} dpi（保存后生效）</source>
        <translation>New photo: {kb:.1f} KB, {w} × {h} pixels, {dpi} dpi (applies when saved)</translation>
    </message>
    <message>
        <source>正在生成证件照…</source>
        <translation>Making the certificate photo…</translation>
    </message>
    <message>
        <source>未能生成证件照</source>
        <translation>Could not make the certificate photo</translation>
    </message>
    <message>
        <source>无法处理该图片：{0}</source>
        <translation>Cannot process this image: {0}</translation>
    </message>
    <message>
        <source>将删除照片</source>
        <translation>Photo will be removed</translation>
    </message>
    <message>
        <source>保存后删除照片</source>
        <translation>The photo is removed when saved</translation>
    </message>
    <message>
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>当前照片：{0:.1f} KB</source>
        <translation>Current photo: {0:.1f} KB</translation>
    </message>
    <message>
        <source>可选择文件、粘贴或拖放照片</source>
        <translation>Choose a file, paste or drop a photo</translation>
    </message>
</context>
<context>
    <name>RecordFields</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code (USCC)</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>技术职称</source>
        <translation>Technical title</translation>
    </message>
    <message>
        <source>文化程度</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>专业</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>初次领证日期</source>
        <translation>First issued</translation>
    </message>
    <message>
        <source>发证日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <source>版式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>工种代码</source>
        <translation>Work type code</translation>
    </message>
    <message>
        <source>电子证照标识</source>
        <translation>E-certificate ID</translation>
    </message>
    <message>
        <source>二维码内容</source>
        <translation>QR code content</translation>
    </message>
    <message>
        <source>新版生成时间</source>
        <translation>New format generated at</translation>
    </message>
</context>
</TS>
